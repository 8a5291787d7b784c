package io.tmkit.conformance.vectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tmkit.contract.Contract;
import io.tmkit.contract.signing.QueryPairs;
import io.tmkit.contract.signing.SigningRequest;
import io.tmkit.contract.signing.VolcengineSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Signing vectors for the differential test against Volcengine's own signers: generated requests
 * (random parameter sets with non-ASCII and reserved characters, repeated-looking and repeated names,
 * form bodies), each with the canonical request and signature that <em>our</em> verifier
 * ({@link VolcengineSigner#canonicalRequest} / {@link VolcengineSigner#signature}, as the server calls
 * them) computes for it. A checker in another language signs the same request with the official
 * signer, given the same X-Date, and must produce the same bytes.
 *
 * <p>Two profiles, one per official signer's habits, so that each vector is one its signer can express:
 * <ul>
 *   <li>{@code java-sdk} ({@code com.volcengine.sign.VolcstackSign}): signs {@code x-date} only, takes the
 *       query as a map (so no name occurs twice) and a {@code Pair} drops a blank value (so none is blank);
 *   <li>{@code go-sdk} ({@code github.com/volcengine/volc-sdk-golang/base}): signs {@code Content-Type},
 *       {@code Host} and every {@code X-*} header, and adds {@code X-Content-Sha256} itself; names may repeat.
 * </ul>
 *
 * <p>One JSON object per line: {@code id, profile, method, path, host, query [[name, value]…] (decoded,
 * in wire order), headers [[name, value]…] (as the request carries them before signing), body (UTF-8
 * text), accessKey, secretKey, sessionToken (or null), region, service, xDate, signedHeaders,
 * canonicalRequest, signature, authorization} (what our signer sends) and {@code accepted
 * [{canonicalRequest, signature}…]}: every form our verifier accepts for the request, ours first
 * ({@link VolcengineSigner#acceptedCanonicalRequests}). An official signer must produce one of them.
 */
public final class SdkSigningVectors {
  /** What the vectors' expected values are computed with. */
  public enum Canonicaliser {
    /** Our verifier, unchanged. */
    OURS,
    /**
     * Our verifier with one planted change: {@code ~} is no longer left bare in the canonical query
     * (one byte of the unreserved set). The differential must fail on every vector whose query holds
     * a {@code ~}; the planted vectors exist to prove that it does.
     */
    PLANTED_TILDE
  }

  private static final String[] REAL_NAMES = {
    "NetworkInterfaceId", "TrafficMirrorTargetId", "TrafficMirrorFilterId", "Priority", "VirtualNetworkId",
    "PacketLength", "TrafficMirrorSessionName", "Description", "ProjectName", "ClientToken",
    "Tags.1.Key", "Tags.1.Value", "Tags.2.Key", "Tags.2.Value", "Tags.10.Key", "Tags.10.Value"};
  /** Names that look like one another (or like a real one) but are not the same bytes. */
  private static final String[] LOOKALIKE_NAMES = {
    "priority", "PRIORITY", "Priority ", " Priority", "Tags.01.Key", "Tags.1.key", "Tags.1.Key.", "Tags..1.Key",
    "Tags.1.Key~", "Tags.1.Key_", "Tags.1.Key-", "Tags.1", "Tags", "Tags.1.Kéy", "Tags.1.Key%", "Tags.1.Key+",
    "Tags[1].Key", "Tags.1.Key=", "a", "A", "_", "-", ".", "~", "a.b", "a_b", "a-b", "a~b", "a b", "a+b",
    "名称", "Name名", "キー", "ключ", "😀", "a&b", "a/b", "a:b", "a@b", "a!b", "a*b", "a'b", "a(b)", "a,b", "a;b",
    "a$b", "a?b", "a#b", "a[b]", "a{b}", "a|b", "a\\b", "a^b", "a`b", "a\"b", "a<b>"};
  private static final String RESERVED = "!#$&'()*+,/:;=?@[]% \"<>\\^`{|}";
  private static final String UNRESERVED = "ABCXYZabcxyz0189-_.~";
  private static final String[] NON_ASCII = {
    "é", "ü", "ß", "中", "文", "镜像", "会话", "名称", "日本語", "한국어", "Привет", "αβγ", "€", "—", " ", "😀", "𠜎", "ﬁ", "Å"};

  private final VolcengineSigner signer;
  private final Canonicaliser canonicaliser;
  private final String action;
  private final String version;

  public SdkSigningVectors(Contract contract, Canonicaliser canonicaliser) {
    this.signer = new VolcengineSigner(contract.signing());
    this.canonicaliser = canonicaliser;
    this.action = contract.onlyValueOf("Action");
    this.version = contract.onlyValueOf("Version");
  }

  /** {@code count} vectors of each profile, from {@code seed}: the same seed gives the same lines. */
  public List<ObjectNode> generate(int count, long seed) {
    Random random = new Random(seed);
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(vector("java-sdk", i, random));
    }
    for (int i = 0; i < count; i++) {
      out.add(vector("go-sdk", i, random));
    }
    return out;
  }

  private ObjectNode vector(String profile, int index, Random random) {
    boolean javaSdk = profile.equals("java-sdk");
    boolean post = random.nextInt(5) == 0;
    List<Map.Entry<String, String>> params = params(random, javaSdk);
    List<Map.Entry<String, String>> query = new ArrayList<>();
    query.add(Map.entry("Action", action));
    query.add(Map.entry("Version", version));
    String body = "";
    if (post) {
      // As Node's createUrlEncodeAPI sends: Action and Version in the query, the rest as a form body.
      body = QueryPairs.encode(params);
    } else {
      query.addAll(params);
    }
    if (random.nextBoolean()) {
      Collections.shuffle(query, random);
    }
    String host = switch (random.nextInt(4)) {
      case 0 -> "open.volcengineapi.com";
      case 1 -> "127.0.0.1:" + (random.nextInt(4) == 0 ? 80 : 1024 + random.nextInt(60000));
      case 2 -> "localhost:" + (1024 + random.nextInt(60000));
      default -> "vpc.cn-beijing.volcengineapi.com" + (random.nextBoolean() ? ":443" : "");
    };
    String region = random.nextBoolean() ? "cn-beijing" : "cn-shanghai";
    String service = signer.spec().service();
    String accessKey = "AKLT" + token(random, 28);
    String secretKey = token(random, 40) + "==";
    String sessionToken = !javaSdk && random.nextInt(6) == 0 ? "STS" + token(random, 32) : null;
    Instant when = Instant.ofEpochSecond(1_600_000_000L + random.nextInt(400_000_000));
    String xDate = VolcengineSigner.X_DATE.format(when);

    Map<String, String> headers = new LinkedHashMap<>();
    List<String> signed = new ArrayList<>();
    if (javaSdk) {
      // What the Java SDK's ApiClient carries into its signer: its X-Date, its Content-Type (unsigned).
      headers.put("X-Date", xDate);
      headers.put("Content-Type", post ? "application/x-www-form-urlencoded" : "text/plain");
      signed.add("x-date");
    } else {
      headers.put("Host", host);
      headers.put("Content-Type", post ? "application/x-www-form-urlencoded; charset=utf-8"
          : random.nextBoolean() ? "application/x-www-form-urlencoded; charset=utf-8" : "application/json");
      headers.put("X-Date", xDate);
      int extra = random.nextInt(3);
      for (int i = 0; i < extra; i++) {
        // Header values with surrounding blanks: both sides trim them.
        headers.put("X-Custom-" + (char) ('A' + i), (random.nextBoolean() ? "  " : "") + token(random, 1 + random.nextInt(12))
            + (random.nextBoolean() ? " v" : "") + (random.nextBoolean() ? " \t" : ""));
      }
      for (String name : headers.keySet()) {
        signed.add(name.toLowerCase(Locale.ROOT));
      }
      signed.add("x-content-sha256");
      if (sessionToken != null) {
        signed.add("x-security-token");
      }
    }
    Map<String, String> toSign = new LinkedHashMap<>(headers);
    if (!javaSdk) {
      toSign.put("X-Content-Sha256", VolcengineSigner.sha256Hex(body.getBytes(StandardCharsets.UTF_8)));
      if (sessionToken != null) {
        toSign.put("X-Security-Token", sessionToken);
      }
    }
    List<String> signedHeaders = new ArrayList<>(new TreeSet<>(signed));
    SigningRequest request = new SigningRequest(post ? "POST" : "GET", "/", query, toSign, body.getBytes(StandardCharsets.UTF_8));
    String scope = xDate.substring(0, 8) + "/" + region + "/" + service + "/" + signer.spec().terminator();
    String canonical = signer.canonicalRequest(request, signedHeaders);
    String signature = signer.signature(request, signedHeaders, xDate, scope, secretKey, region, service);
    if (canonicaliser == Canonicaliser.PLANTED_TILDE) {
      canonical = PlantedCanonicaliser.tildeEncoded(canonical);
      signature = signer.signatureOf(canonical, xDate, scope, secretKey, region, service);
    }
    List<String> accepted = canonicaliser == Canonicaliser.OURS
        ? signer.acceptedCanonicalRequests(request, signedHeaders) : List.of(canonical);

    ObjectMapper json = new ObjectMapper();
    ObjectNode o = json.createObjectNode();
    o.put("id", profile + "-" + String.format(Locale.ROOT, "%04d", index));
    o.put("profile", profile);
    o.put("method", request.method());
    o.put("path", "/");
    o.put("host", host);
    pairs(o.putArray("query"), query);
    pairs(o.putArray("headers"), new ArrayList<>(headers.entrySet()));
    o.put("body", body);
    o.put("accessKey", accessKey);
    o.put("secretKey", secretKey);
    if (sessionToken == null) {
      o.putNull("sessionToken");
    } else {
      o.put("sessionToken", sessionToken);
    }
    o.put("region", region);
    o.put("service", service);
    o.put("xDate", xDate);
    o.put("signedHeaders", String.join(";", signedHeaders));
    o.put("canonicalRequest", canonical);
    o.put("signature", signature);
    ArrayNode acceptedNode = o.putArray("accepted");
    for (String form : accepted) {
      acceptedNode.addObject().put("canonicalRequest", form)
          .put("signature", signer.signatureOf(form, xDate, scope, secretKey, region, service));
    }
    o.put("authorization", signer.spec().algorithm() + " Credential=" + accessKey + "/" + scope
        + ", SignedHeaders=" + String.join(";", signedHeaders) + ", Signature=" + signature);
    return o;
  }

  private List<Map.Entry<String, String>> params(Random random, boolean javaSdk) {
    int n = random.nextInt(13);
    List<Map.Entry<String, String>> out = new ArrayList<>();
    Set<String> names = new HashSet<>(List.of("Action", "Version"));
    for (int i = 0; i < n; i++) {
      String name;
      int kind = random.nextInt(10);
      if (kind < 5) {
        name = REAL_NAMES[random.nextInt(REAL_NAMES.length)];
      } else if (kind < 9) {
        name = LOOKALIKE_NAMES[random.nextInt(LOOKALIKE_NAMES.length)];
      } else {
        name = text(random, 1 + random.nextInt(6));
      }
      String value = random.nextInt(12) == 0 ? "" : text(random, random.nextInt(24));
      if (javaSdk && (!names.add(name) || value.isBlank() || name.isBlank())) {
        continue;
      }
      if (!javaSdk && !out.isEmpty() && random.nextInt(6) == 0) {
        // A name that repeats: its values keep their order.
        name = out.get(random.nextInt(out.size())).getKey();
      }
      out.add(Map.entry(name, value));
    }
    return out;
  }

  private static String text(Random random, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(4)) {
        case 0 -> s.append(RESERVED.charAt(random.nextInt(RESERVED.length())));
        case 1 -> s.append(NON_ASCII[random.nextInt(NON_ASCII.length)]);
        default -> s.append(UNRESERVED.charAt(random.nextInt(UNRESERVED.length())));
      }
    }
    return s.toString();
  }

  private static String token(Random random, int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  private static void pairs(ArrayNode array, List<Map.Entry<String, String>> pairs) {
    for (Map.Entry<String, String> p : pairs) {
      array.addArray().add(p.getKey()).add(p.getValue());
    }
  }
}
