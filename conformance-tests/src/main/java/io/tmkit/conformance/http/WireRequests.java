package io.tmkit.conformance.http;

import io.tmkit.conformance.cases.Signing;
import io.tmkit.conformance.resolve.ResolvedRequest;
import io.tmkit.contract.Contract;
import io.tmkit.contract.SigningSpec;
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
    if (signing.kind() == Signing.Kind.PRESIGNED) {
      return presigned(r, signing, headers, body);
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
   * The presigned-URL form: the query that {@link VolcengineSigner#presign} writes (no Authorization
   * header), then broken as the case's options say (see {@link Signing.Kind#PRESIGNED}).
   */
  private WireRequest presigned(ResolvedRequest r, Signing signing, Map<String, String> headers, byte[] body) {
    Map<String, String> o = signing.options();
    SigningSpec.PresignedQuery names = contract.signing().presignedQuery();
    Credentials credentials = r.accessKey().credentials();
    if (o.containsKey("accessKey")) {
      credentials = Credentials.of(o.get("accessKey"), credentials.secretKey());
    }
    if (Boolean.parseBoolean(o.get("wrongSecret"))) {
      credentials = Credentials.of(credentials.accessKey(), "not-" + credentials.secretKey());
    }
    Instant at = clock.instant();
    if (Boolean.parseBoolean(o.get("expired"))) {
      at = at.minusSeconds(contract.limits().clockSkewSeconds() + 300L);
    }
    Map<String, String> signedHeaders = !o.containsKey("host") ? Map.of()
        : Map.of("Host", o.get("host").equals("sent") ? host : o.get("host"));
    List<Map.Entry<String, String>> query = r.formBody() ? List.of() : r.params();
    List<Map.Entry<String, String>> q = new ArrayList<>(signer.presign(r.method(), query, signedHeaders, credentials,
        region, o.getOrDefault("service", contract.signing().service()), at));
    if (o.containsKey("drop")) {
      String name = role(names, o.get("drop"));
      q.removeIf(p -> p.getKey().equals(name));
    }
    if (o.containsKey("set")) {
      String name = role(names, o.get("set"));
      q.replaceAll(p -> p.getKey().equals(name) ? Map.entry(name, o.getOrDefault("to", "")) : p);
    }
    if (o.containsKey("param")) {
      String name = o.get("param");
      Map.Entry<String, String> changed = Map.entry(name, o.getOrDefault("value", ""));
      if (q.stream().anyMatch(p -> p.getKey().equals(name))) {
        q.replaceAll(p -> p.getKey().equals(name) ? changed : p);
      } else {
        q.add(changed);
      }
    }
    return new WireRequest(r.method(), QueryPairs.encode(q), headers, body);
  }

  private static String role(SigningSpec.PresignedQuery names, String role) {
    return names.byRole(role).orElseThrow(() -> new IllegalStateException("no presigned role " + role));
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
