package io.tmkit.conformance.targets;

import java.net.URI;
import java.util.Optional;

/** Any implementation at a URL: ordinary requests only, no reset, no fault injection. */
public final class EndpointTarget implements Target {
  private final URI baseUri;

  public EndpointTarget(URI baseUri) {
    this.baseUri = baseUri;
  }

  @Override
  public URI baseUri() {
    return baseUri;
  }

  @Override
  public String description() {
    return "endpoint " + baseUri;
  }

  @Override
  public Optional<WorldControl> control() {
    return Optional.empty();
  }
}
