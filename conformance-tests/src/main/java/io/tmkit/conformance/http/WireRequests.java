package io.tmkit.conformance.http;

import io.tmkit.conformance.cases.Signing;
import io.tmkit.conformance.resolve.ResolvedRequest;
import io.tmkit.contract.Contract;
import io.tmkit.contract.signing.Credentials;
import io.tmkit.contract.signing.QueryPairs;
import io.tmkit.contract.signing.SigningRequest;
import io.tmkit.contract.signing.VolcengineSigner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a resolved request into the bytes to send, signed with the contract's {@link VolcengineSigner}
 * as a client would, then changed as the case's signing mutation says. Parameters go on the wire in
 * the case's order (repeats kept), each name and value encoded as RFC 3986 says.
 */
public final class WireRequests {
  private static final String FORM = "application/x-www-form-urlencoded";

  private final Contract contract;
  private final VolcengineSigner signer;
  private final String host;
  private final String region;
  private final Clock clock;

  public WireRequests(Contract contract, URI baseUri, String region, Clock clock) {
    this.contract = contract;
    this.signer = new VolcengineSigner(contract.signing());
    this.host = baseUri.getPort() < 0 ? baseUri.getHost() : baseUri.getHost() + ":" + baseUri.getPort();
    this.region = region;
    this.clock = clock;
  }

  public WireRequest build(ResolvedRequest r) {
    String encoded = r.isRaw() ? r.rawQuery() : QueryPairs.encode(r.params());
    List<Map.Entry<String, String>> signedPairs = r.isRaw() ? QueryPairs.decodeLeniently(r.rawQuery()) : r.params();
    String query = r.formBody() ? "" : encoded;
    byte[] body = r.formBody() ? encoded.getBytes(StandardCharsets.UTF_8) : new byte[0];
    Map<String, String> headers = new LinkedHashMap<>();
    if (r.formBody()) {
      headers.put("Content-Type", FORM);
    }
    Signing signing = r.signing();
    if (signing.kind() == Signing.Kind.UNSIGNED) {
      return new WireRequest(r.method(), query, headers, body);
    }

    Credentials credentials = signing.signWith(r.accessKey().credentials());
    String service = contract.signing().service();
    Instant at = clock.instant();
    Map<String, String> toSign = new LinkedHashMap<>(headers);
    toSign.put("Host", host);
    switch (signing.kind()) {
      case WRONG_SERVICE -> service = signing.option("service");
      case EXPIRED -> at = at.minusSeconds(contract.limits().clockSkewSeconds() + 300L);
      case CLOCK_OFFSET -> at = at.plusSeconds(Long.parseLong(signing.option("seconds")));
      default -> { }
    }
    List<Map.Entry<String, String>> queryPairs = r.formBody() ? List.of() : signedPairs;
    Map<String, String> added = signer.sign(
        new SigningRequest(r.method(), "/", queryPairs, toSign, body), credentials, region, service, at);
    headers.putAll(added);
    if (signing.kind() == Signing.Kind.SIGNED_HEADERS) {
      headers.putAll(listingOnly(signing, r.method(), queryPairs, headers, body, credentials, service));
    }

    switch (signing.kind()) {
      case NO_X_DATE -> headers.remove(contract.signing().dateHeader());
      case MALFORMED_AUTHORIZATION -> headers.put("Authorization",
          contract.signing().algorithm() + " Credential=" + credentials.accessKey() + ", Signature=missing");
      case TAMPER_AFTER_SIGNING -> {
        List<Map.Entry<String, String>> tampered = new ArrayList<>();
        String name = signing.option("param");
        for (Map.Entry<String, String> p : r.params()) {
          tampered.add(p.getKey().equals(name) ? Map.entry(name, signing.option("value")) : p);
        }
        query = QueryPairs.encode(tampered);
      }
      default -> { }
    }
    return new WireRequest(r.method(), query, headers, body);
  }

  /**
   * The Authorization header re-signed over only the {@code names} option, keeping the X-Date just
   * signed; the X-Content-Sha256 header goes when it is not listed, as with the Java SDK, which sends
   * none. The optional {@code host} option signs another Host value than the one sent.
   */
  private Map<String, String> listingOnly(Signing signing, String method, List<Map.Entry<String, String>> query,
      Map<String, String> headers, byte[] body, Credentials credentials, String service) {
    List<String> names = List.of(signing.option("names").split(";"));
    String dateHeader = contract.signing().dateHeader();
    String hashHeader = contract.signing().contentHashHeader();
    String xDate = headers.get(dateHeader);
    if (!names.contains(hashHeader.toLowerCase(java.util.Locale.ROOT))) {
      headers.remove(hashHeader);
    }
    Map<String, String> withHost = new LinkedHashMap<>(headers);
    withHost.put("Host", signing.options().getOrDefault("host", host));
    String scope = xDate.substring(0, 8) + "/" + region + "/" + service + "/" + contract.signing().terminator();
    String signature = signer.signature(new SigningRequest(method, "/", query, withHost, body), names, xDate, scope,
        credentials.secretKey(), region, service);
    return Map.of("Authorization", contract.signing().algorithm() + " Credential=" + credentials.accessKey() + "/"
        + scope + ", SignedHeaders=" + String.join(";", names) + ", Signature=" + signature);
  }
}
