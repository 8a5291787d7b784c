package io.tmkit.client.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An endpoint as a user writes it: a URL ({@code http://127.0.0.1:8080}) or, as the Volcengine CLI's
 * profiles hold it, a bare host ({@code open.volcengineapi.com}, https unless SSL is disabled). Only
 * what the client can send to is accepted: http or https, a host, an optional port, no path, query,
 * fragment or user; anything else is a {@link UsageError} naming where the text came from.
 */
final class EndpointText {
  private EndpointText() {}

  static URI parse(String text, String source, boolean disableSsl) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      throw new UsageError(source + " is empty", "give a URL such as http://127.0.0.1:8080 or a host such as open.volcengineapi.com");
    }
    boolean hasScheme = trimmed.contains("://");
    String url = hasScheme ? trimmed : (disableSsl ? "http://" : "https://") + trimmed;
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw bad(text, source, "not a URL or host[:port] (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw bad(text, source, "scheme '" + uri.getScheme() + "' is not supported (http or https only)");
    }
    if (uri.getHost() == null) {
      throw bad(text, source, "no host in it");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw bad(text, source, "an endpoint carries no user, query or fragment");
    }
    String path = uri.getRawPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      throw bad(text, source, "an endpoint has no path (the operation's path is /)");
    }
    return URI.create(scheme + "://" + uri.getRawAuthority());
  }

  private static UsageError bad(String text, String source, String why) {
    return new UsageError(source + " '" + text + "': " + why,
        "give a URL such as http://127.0.0.1:8080 or a host such as open.volcengineapi.com");
  }
}
