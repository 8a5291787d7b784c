package io.tmkit.contract.signing;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code Authorization: HMAC-SHA256 Credential=AK/date/region/service/request,
 * SignedHeaders=a;b, Signature=hex} header. {@link #parse} returns empty for anything malformed.
 */
public record AuthorizationHeader(
    String algorithm,
    String accessKey,
    String date,
    String region,
    String service,
    String terminator,
    List<String> signedHeaders,
    String signature) {

  private static final Pattern FORM = Pattern.compile(
      "^(\\S+) Credential=([^/,\\s]+)/([0-9]{8})/([^/,\\s]+)/([^/,\\s]+)/([^/,\\s]+),\\s*"
          + "SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*),\\s*Signature=([0-9a-f]{64})$");

  public static Optional<AuthorizationHeader> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(header.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new AuthorizationHeader(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5),
        m.group(6), Arrays.asList(m.group(7).split(";")), m.group(8)));
  }

  public String scope() {
    return date + "/" + region + "/" + service + "/" + terminator;
  }
}
