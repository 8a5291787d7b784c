package io.tmkit.conformance.targets;

import java.net.URI;
import java.util.Optional;

/**
 * Any implementation at a URL: ordinary requests only, unless an admin API is given
 * ({@code --admin-url}/{@code --admin-token}: the reference server's), through which the world is
 * reset before each case that can create, faults are armed and sessions counted.
 */
public final class EndpointTarget implements Target {
  private final URI baseUri;
  private final WorldControl control;
  private final String admin;

  public EndpointTarget(URI baseUri) {
    this.baseUri = baseUri;
    this.control = null;
    this.admin = null;
  }

  public EndpointTarget(URI baseUri, HttpWorldControl control) {
    this.baseUri = baseUri;
    this.control = control;
    this.admin = control.root().toString();
  }

  @Override
  public URI baseUri() {
    return baseUri;
  }

  @Override
  public String description() {
    return "endpoint " + baseUri + (admin == null ? " (no admin API: never reset)" : " (admin API " + admin + ")");
  }

  @Override
  public Optional<WorldControl> control() {
    return Optional.ofNullable(control);
  }
}
