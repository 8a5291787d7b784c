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
    this(contract, baseUri.getPort() < 0 ? baseUri.getHost() : baseUri.getHost() + ":" + baseUri.getPort(), region,
        clock);
  }

  private WireRequests(Contract contract, String host, String region, Clock clock) {
    this.contract = contract;
    this.signer = new VolcengineSigner(contract.signing());
    this.host = host;
    this.region = region;
    this.clock = clock;
  }

  /** The Host header value every request is signed for (the endpoint's authority unless changed). */
  public String host() {
    return host;
  }

  /** The same, signed for another Host value: what a client that sends that Host header would sign. */
  public WireRequests withHost(String otherHost) {
    return new WireRequests(contract, otherHost, region, clock);
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

    Credentials credentials = r.accessKey().credentials();
    String service = contract.signing().service();
    Instant at = clock.instant();
    Map<String, String> toSign = new LinkedHashMap<>(headers);
    toSign.put("Host", host);
    switch (signing.kind()) {
      case UNKNOWN_KEY -> credentials = Credentials.of(signing.option("accessKey"), credentials.secretKey());
      case WRONG_SECRET -> credentials = Credentials.of(credentials.accessKey(), "not-" + credentials.secretKey());
      case WRONG_SERVICE -> service = signing.option("service");
      case EXPIRED -> at = at.minusSeconds(contract.limits().clockSkewSeconds() + 300L);
      case CLOCK_OFFSET -> at = at.plusSeconds(Long.parseLong(signing.option("seconds")));
      case HOST_NOT_SIGNED -> toSign.remove("Host");
      default -> { }
    }
    List<Map.Entry<String, String>> queryPairs = r.formBody() ? List.of() : signedPairs;
    Map<String, String> added = signer.sign(
        new SigningRequest(r.method(), "/", queryPairs, toSign, body), credentials, region, service, at);
    headers.putAll(added);

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

}
