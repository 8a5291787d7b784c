package io.tmkit.contract.signing;

import io.tmkit.contract.SigningSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
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
    String headers = canonicalHeaders(request, names);
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

  /** The hex signature of a canonical request (steps 5 and 6: the string to sign, the derived key). */
  public String signatureOf(String canonicalRequest, String xDate, String scope, String secretKey,
      String region, String service) {
    String stringToSign = spec.algorithm() + "\n" + xDate + "\n" + scope + "\n" + sha256Hex(utf8(canonicalRequest));
    byte[] kDate = hmac(utf8(secretKey), xDate.substring(0, 8));
    byte[] kRegion = hmac(kDate, region);
    byte[] kService = hmac(kRegion, service);
    byte[] kSigning = hmac(kService, spec.terminator());
    return HEX.formatHex(hmac(kSigning, stringToSign));
  }

  /** The canonical request (step 4 of the scheme). */
  public String canonicalRequest(SigningRequest request, List<String> signedHeaders) {
    Map<String, String> lower = lowerCaseHeaders(request);
    List<String> names = new ArrayList<>(signedHeaders);
    names.sort(Comparator.naturalOrder());
    String headers = canonicalHeaders(request, names);
    String contentHash = lower.get(spec.contentHashHeader().toLowerCase(Locale.ROOT));
    if (contentHash == null || contentHash.isEmpty()) {
      contentHash = sha256Hex(request.body());
    }
    return request.method().toUpperCase(Locale.ROOT) + "\n"
        + (request.path() == null || request.path().isEmpty() ? "/" : request.path()) + "\n"
        + canonicalQuery(request.query()) + "\n"
        + headers + "\n"
        + String.join(";", names) + "\n"
        + contentHash;
  }

  /** Step 3: {@code name:trimmed value\n} for each of the (sorted, lower-case) {@code names}; absent is empty. */
  private static String canonicalHeaders(SigningRequest request, List<String> names) {
    Map<String, String> lower = lowerCaseHeaders(request);
    StringBuilder headers = new StringBuilder();
    for (String name : names) {
      String value = lower.get(name);
      headers.append(name).append(':').append(value == null ? "" : value.trim()).append('\n');
    }
    return headers.toString();
  }

  private static Map<String, String> lowerCaseHeaders(SigningRequest request) {
    Map<String, String> lower = new TreeMap<>();
    request.headers().forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return lower;
  }

  /** RFC 3986 encoding of names and values, sorted by encoded name then value, joined with {@code &}. */
  public static String canonicalQuery(List<Map.Entry<String, String>> query) {
    List<String[]> encoded = new ArrayList<>();
    for (Map.Entry<String, String> e : query) {
      encoded.add(new String[] {uriEncode(e.getKey()), uriEncode(e.getValue() == null ? "" : e.getValue())});
    }
    encoded.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparing(a -> a[1]));
    StringBuilder out = new StringBuilder();
    for (String[] kv : encoded) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(kv[0]).append('=').append(kv[1]);
    }
    return out.toString();
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
