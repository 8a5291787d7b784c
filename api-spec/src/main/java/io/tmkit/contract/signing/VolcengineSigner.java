package io.tmkit.contract.signing;

import io.tmkit.contract.SigningSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Volcengine's HMAC-SHA256 request signature, as the contract's {@code volcengineSignature} scheme
 * describes it. Used by the client to sign and by the server to recompute and compare; both sides
 * therefore share one canonical form, which the published test vector pins.
 */
public final class VolcengineSigner {
  public static final DateTimeFormatter X_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private static final HexFormat HEX = HexFormat.of();

  private final SigningSpec spec;

  public VolcengineSigner(SigningSpec spec) {
    this.spec = spec;
  }

  public SigningSpec spec() {
    return spec;
  }

  /**
   * Signs a request: returns the headers to add ({@code X-Date}, {@code X-Content-Sha256},
   * {@code Authorization}, and {@code X-Security-Token} for STS credentials). {@code headers} of the
   * request must hold {@code Host}; every header given there is signed.
   */
  public Map<String, String> sign(SigningRequest request, Credentials credentials, String region, String service, Instant now) {
    String xDate = X_DATE.format(now);
    String bodyHash = sha256Hex(request.body());
    Map<String, String> toSign = new LinkedHashMap<>(request.headers());
    toSign.put(spec.dateHeader(), xDate);
    toSign.put(spec.contentHashHeader(), bodyHash);
    if (credentials.sessionToken() != null) {
      toSign.put(spec.securityTokenHeader(), credentials.sessionToken());
    }
    SigningRequest complete = new SigningRequest(request.method(), request.path(), request.query(), toSign, request.body());
    List<String> signedHeaders = toSign.keySet().stream().map(h -> h.toLowerCase(Locale.ROOT)).sorted().toList();
    String scope = xDate.substring(0, 8) + "/" + region + "/" + service + "/" + spec.terminator();
    String signature = signature(complete, signedHeaders, xDate, scope, credentials.secretKey(), region, service);
    Map<String, String> added = new LinkedHashMap<>();
    added.put(spec.dateHeader(), xDate);
    added.put(spec.contentHashHeader(), bodyHash);
    if (credentials.sessionToken() != null) {
      added.put(spec.securityTokenHeader(), credentials.sessionToken());
    }
    added.put("Authorization", spec.algorithm() + " Credential=" + credentials.accessKey() + "/" + scope
        + ", SignedHeaders=" + String.join(";", signedHeaders) + ", Signature=" + signature);
    return added;
  }

  /**
   * The hex signature of a request whose headers (looked up case-insensitively) include every name in
   * {@code signedHeaders}. A verifier calls this with what the request's Authorization header lists.
   */
  public String signature(SigningRequest request, List<String> signedHeaders, String xDate, String scope,
      String secretKey, String region, String service) {
    return signatureOf(canonicalRequest(request, signedHeaders), xDate, scope, secretKey, region, service);
  }

  /**
   * Presigns a request (the scheme's presigned-URL form, as the official Python SDK's
   * {@code SignerV4.sign_url} writes it): returns the query to send, the given parameters and the
   * signature's ({@code x-signing.presignedQuery}), sorted by name. {@code headers} are signed too
   * (usually none; Python's signer can sign {@code Host}); the body is not ({@code X-NotSignBody}).
   * An STS token is added after signing, neither listed in X-SignedQueries nor signed, as Python does.
   */
  public List<Map.Entry<String, String>> presign(String method, List<Map.Entry<String, String>> query,
      Map<String, String> headers, Credentials credentials, String region, String service, Instant now) {
    SigningSpec.PresignedQuery names = presignedQuery();
    String xDate = X_DATE.format(now);
    String scope = xDate.substring(0, 8) + "/" + region + "/" + service + "/" + spec.terminator();
    List<String> signedHeaders = headers.keySet().stream().map(h -> h.toLowerCase(Locale.ROOT)).sorted().toList();
    List<Map.Entry<String, String>> pairs = new ArrayList<>(query);
    pairs.add(Map.entry(names.date(), xDate));
    pairs.add(Map.entry(names.notSignBody(), ""));
    pairs.add(Map.entry(names.credential(), credentials.accessKey() + "/" + scope));
    pairs.add(Map.entry(names.algorithm(), spec.algorithm()));
    pairs.add(Map.entry(names.signedHeaders(), String.join(";", signedHeaders)));
    TreeSet<String> listed = new TreeSet<>();
    pairs.forEach(p -> listed.add(p.getKey()));
    listed.add(names.signedQueries());
    pairs.add(Map.entry(names.signedQueries(), String.join(";", listed)));
    String signature = presignedSignature(new SigningRequest(method, "/", pairs, headers, new byte[0]), signedHeaders,
        false, xDate, scope, credentials.secretKey(), region, service);
    if (credentials.sessionToken() != null) {
      pairs.add(Map.entry(names.securityToken(), credentials.sessionToken()));
    }
    pairs.add(Map.entry(names.signature(), signature));
    pairs.sort(Map.Entry.comparingByKey());
    return List.copyOf(pairs);
  }

  /**
   * The hex signature of a presigned request whose {@code query} holds exactly the parameters that the
   * signature covers (those X-SignedQueries names); {@code bodySigned} is false under X-NotSignBody.
   */
  public String presignedSignature(SigningRequest request, List<String> signedHeaders, boolean bodySigned,
      String xDate, String scope, String secretKey, String region, String service) {
    return signatureOf(presignedCanonicalRequest(request, signedHeaders, bodySigned), xDate, scope,
        secretKey, region, service);
  }

  /**
   * The presigned form's canonical request: as {@link #canonicalRequest}, but the payload hash is of the
   * empty body unless {@code bodySigned}, and with no signed header the headers block is one line feed
   * (every official presigner writes {@code CanonicalQuery\n\n\n\nPayloadHash} then).
   */
  public String presignedCanonicalRequest(SigningRequest request, List<String> signedHeaders, boolean bodySigned) {
    List<String> names = new ArrayList<>(signedHeaders);
    names.sort(Comparator.naturalOrder());
    String headers = canonicalHeaders(request, names, false);
    return request.method().toUpperCase(Locale.ROOT) + "\n"
        + (request.path() == null || request.path().isEmpty() ? "/" : request.path()) + "\n"
        + canonicalQuery(request.query()) + "\n"
        + (headers.isEmpty() ? "\n" : headers) + "\n"
        + String.join(";", names) + "\n"
        + sha256Hex(bodySigned ? request.body() : new byte[0]);
  }

  private SigningSpec.PresignedQuery presignedQuery() {
    if (spec.presignedQuery() == null) {
      throw new IllegalStateException("the contract's x-signing has no presignedQuery");
    }
    return spec.presignedQuery();
  }

  /** The string to sign of a canonical request (step 5): what a debugging client shows beside it. */
  public String stringToSign(String canonicalRequest, String xDate, String scope) {
    return spec.algorithm() + "\n" + xDate + "\n" + scope + "\n" + sha256Hex(utf8(canonicalRequest));
  }

  /** The hex signature of a canonical request (steps 5 and 6: the string to sign, the derived key). */
  public String signatureOf(String canonicalRequest, String xDate, String scope, String secretKey,
      String region, String service) {
    String stringToSign = stringToSign(canonicalRequest, xDate, scope);
    byte[] kDate = hmac(utf8(secretKey), xDate.substring(0, 8));
    byte[] kRegion = hmac(kDate, region);
    byte[] kService = hmac(kRegion, service);
    byte[] kSigning = hmac(kService, spec.terminator());
    return HEX.formatHex(hmac(kSigning, stringToSign));
  }

  /**
   * Whether {@code presented} (hex, any case) is the signature of one of the canonical forms of the
   * request that {@link #acceptedCanonicalRequests} lists. Ours is tried first; the others are built
   * only for a request that has them (a name outside the unreserved characters, a Host with a default
   * port), so that the common request costs one canonical request, as before.
   */
  public boolean verifies(SigningRequest request, List<String> signedHeaders, String xDate, String scope,
      String secretKey, String region, String service, String presented) {
    byte[] given = presented.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    return forms(request, signedHeaders, canonical -> MessageDigest.isEqual(
        signatureOf(canonical, xDate, scope, secretKey, region, service).getBytes(StandardCharsets.US_ASCII), given));
  }

  /** The canonical request (step 4 of the scheme), as this project's clients sign it. */
  public String canonicalRequest(SigningRequest request, List<String> signedHeaders) {
    return canonicalRequest(request, signedHeaders, QueryOrder.ENCODED_NAME, false);
  }

  /**
   * Every canonical form of the request that a verifier accepts, ours ({@link #canonicalRequest})
   * first, without repeats. Volcengine's own signers differ from the scheme's text in two ways that
   * the gateway must therefore accept (see the contract's {@code volcengineSignature}): the Java and
   * Go signers sort parameter names before encoding them ({@link QueryOrder}), and the Go and Python
   * signers sign a {@code host} without a {@code :80} or {@code :443} port. For a request whose names
   * are unreserved characters and whose Host has no such port, there is one form.
   */
  public List<String> acceptedCanonicalRequests(SigningRequest request, List<String> signedHeaders) {
    List<String> all = new ArrayList<>();
    forms(request, signedHeaders, form -> {
      all.add(form);
      return false;
    });
    return all;
  }

  /** Offers each accepted form, ours first and none twice, until {@code accept} takes one. */
  private boolean forms(SigningRequest request, List<String> signedHeaders, Predicate<String> accept) {
    boolean plainNames = true;
    for (Map.Entry<String, String> e : request.query()) {
      plainNames &= unreserved(e.getKey());
    }
    boolean defaultPort = signedHeaders.contains("host") && request.headers().entrySet().stream()
        .anyMatch(h -> h.getKey().equalsIgnoreCase("host") && h.getValue() != null
            && !withoutDefaultPort(h.getValue().trim()).equals(h.getValue().trim()));
    List<String> offered = new ArrayList<>(1);
    for (boolean strip : defaultPort ? new boolean[] {false, true} : new boolean[] {false}) {
      for (QueryOrder order : plainNames ? new QueryOrder[] {QueryOrder.ENCODED_NAME} : QueryOrder.values()) {
        String form = canonicalRequest(request, signedHeaders, order, strip);
        if (offered.contains(form)) {
          continue;
        }
        offered.add(form);
        if (accept.test(form)) {
          return true;
        }
      }
    }
    return false;
  }

  private String canonicalRequest(SigningRequest request, List<String> signedHeaders, QueryOrder order, boolean stripDefaultPort) {
    Map<String, String> lower = lowerCaseHeaders(request);
    List<String> names = new ArrayList<>(signedHeaders);
    names.sort(Comparator.naturalOrder());
    String headers = canonicalHeaders(request, names, stripDefaultPort);
    String contentHash = lower.get(spec.contentHashHeader().toLowerCase(Locale.ROOT));
    if (contentHash == null || contentHash.isEmpty()) {
      contentHash = sha256Hex(request.body());
    }
    return request.method().toUpperCase(Locale.ROOT) + "\n"
        + (request.path() == null || request.path().isEmpty() ? "/" : request.path()) + "\n"
        + canonicalQuery(request.query(), order) + "\n"
        + headers + "\n"
        + String.join(";", names) + "\n"
        + contentHash;
  }

  /**
   * Step 3: {@code name:trimmed value\n} for each of the (sorted, lower-case) {@code names}; absent is
   * empty; {@code stripDefaultPort} signs {@code host} without a {@code :80} or {@code :443}.
   */
  private static String canonicalHeaders(SigningRequest request, List<String> names, boolean stripDefaultPort) {
    Map<String, String> lower = lowerCaseHeaders(request);
    StringBuilder headers = new StringBuilder();
    for (String name : names) {
      String value = lower.get(name);
      value = value == null ? "" : value.trim();
      if (stripDefaultPort && name.equals("host")) {
        value = withoutDefaultPort(value);
      }
      headers.append(name).append(':').append(value).append('\n');
    }
    return headers.toString();
  }

  private static Map<String, String> lowerCaseHeaders(SigningRequest request) {
    Map<String, String> lower = new TreeMap<>();
    request.headers().forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return lower;
  }

  /** {@code host:80} and {@code host:443} as {@code host}, as the Go and Python signers sign them. */
  static String withoutDefaultPort(String host) {
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(':') == colon) {
      String port = host.substring(colon + 1);
      if (port.equals("80") || port.equals("443")) {
        return host.substring(0, colon);
      }
    }
    return host;
  }

  /**
   * RFC 3986 encoding of names and values, sorted by encoded name (byte order), joined with {@code &};
   * the values of a name that repeats keep their order in the request (docs 6358/166389).
   */
  public static String canonicalQuery(List<Map.Entry<String, String>> query) {
    return canonicalQuery(query, QueryOrder.ENCODED_NAME);
  }

  /** The canonical query with the names in the given order (a stable sort: repeats keep their order). */
  public static String canonicalQuery(List<Map.Entry<String, String>> query, QueryOrder order) {
    List<String[]> encoded = new ArrayList<>();
    for (Map.Entry<String, String> e : query) {
      encoded.add(new String[] {uriEncode(e.getKey()), uriEncode(e.getValue() == null ? "" : e.getValue()), e.getKey()});
    }
    encoded.sort(order.comparator);
    StringBuilder out = new StringBuilder();
    for (String[] kv : encoded) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(kv[0]).append('=').append(kv[1]);
    }
    return out.toString();
  }

  /**
   * The orders in which a signer sorts parameter names. The scheme (and the Python signer) sorts the
   * encoded names; the Go signer ({@code url.Values.Encode}) sorts the names as UTF-8 bytes before
   * encoding them, the Java signer ({@code Collections.sort}) as UTF-16 code units. They agree
   * whenever every name is made of unreserved characters, as every parameter of the contract is.
   */
  public enum QueryOrder {
    ENCODED_NAME(Comparator.comparing(a -> a[0])),
    RAW_NAME_UTF8(Comparator.comparing(a -> a[2].getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned)),
    RAW_NAME_UTF16(Comparator.comparing(a -> a[2]));

    private final Comparator<String[]> comparator;

    QueryOrder(Comparator<String[]> comparator) {
      this.comparator = comparator;
    }
  }

  private static boolean unreserved(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~')) {
        return false;
      }
    }
    return true;
  }

  /** Percent-encodes UTF-8 bytes; only {@code A-Z a-z 0-9 - _ . ~} stay bare. */
  public static String uriEncode(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  public static String sha256Hex(byte[] data) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(utf8(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
