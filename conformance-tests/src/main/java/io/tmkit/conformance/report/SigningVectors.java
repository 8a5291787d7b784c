package io.tmkit.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tmkit.contract.SigningSpec;
import io.tmkit.contract.signing.QueryPairs;
import io.tmkit.contract.signing.SigningRequest;
import io.tmkit.contract.signing.VolcengineSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Random requests signed by our {@link VolcengineSigner}, for the differential check against
 * Volcengine's official signers (interop/README.md, "Differential signing"). Each vector holds the
 * inputs (method, decoded query pairs, headers, body, X-Date, credentials, region, service) and, for
 * every SignedHeaders list an official signer may choose from those headers (x-date plus any subset
 * of the others present), our canonical request and signature. An official signer signs the inputs
 * its own way; its canonical request and signature must equal ours for the list it chose.
 *
 * <p>A {@code canonicaliser} turns our canonical request into the one written: the identity for the
 * real vectors, a planted one-byte change for the mutant file that proves the comparison can fail.
 */
public final class SigningVectors {
  /** The planted change: a canonicaliser that leaves {@code *} unencoded in the query ({@code *} for {@code %2A}). */
  public static final UnaryOperator<String> STAR_LEFT_BARE = canonical -> {
    String[] lines = canonical.split("\n", -1);
    lines[2] = lines[2].replace("%2A", "*");
    return String.join("\n", lines);
  };

  private static final String[] CONTRACT_NAMES = {
    "Action", "Version", "NetworkInterfaceId", "TrafficMirrorTargetId", "TrafficMirrorFilterId", "Priority",
    "TrafficMirrorSessionName", "Description", "VirtualNetworkId", "PacketLength", "ProjectName", "ClientToken"};
  /** Characters of names a request can carry: the contract's names use letters, digits and dots. */
  private static final String NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-~";
  private static final String[] VALUE_PIECES = {
    "a", "Z", "0", "9", " ", "  ", "-", "_", ".", "~", "!", "*", "'", "(", ")", ";", ":", "@", "&", "=", "+", "$",
    ",", "/", "?", "#", "[", "]", "%", "%20", "%2A", "\"", "<", ">", "\\", "^", "`", "{", "|", "}", "\t",
    "流量", "镜像会话", "，", "。", "é", "ß", "Ω", "😀", "\u00a0", "eni-bp1fgnh68xyz90001", "tms-", "2020-04-01"};
  private static final String[] HOSTS = {"127.0.0.1:8080", "open.volcengineapi.com", "vpc.cn-beijing.volcengineapi.com",
      "localhost:39001"};
  private static final String[] REGIONS = {"cn-beijing", "cn-shanghai", "cn-guangzhou", "ap-southeast-1"};
  private static final String[] FORMS = {"application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8"};

  private final VolcengineSigner signer;
  private final SigningSpec spec;

  public SigningVectors(SigningSpec spec) {
    this.spec = spec;
    this.signer = new VolcengineSigner(spec);
  }

  /** {@code count} vectors from {@code seed}, their canonical requests passed through {@code canonicaliser}. */
  public List<ObjectNode> generate(int count, long seed, UnaryOperator<String> canonicaliser) {
    ObjectMapper json = new ObjectMapper();
    Random random = new Random(seed);
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(vector(json, random, String.format(Locale.ROOT, "v%04d", i + 1), canonicaliser));
    }
    return out;
  }

  private ObjectNode vector(ObjectMapper json, Random random, String id, UnaryOperator<String> canonicaliser) {
    boolean post = random.nextInt(10) < 3;
    List<Map.Entry<String, String>> query = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    if (!post || random.nextBoolean()) {
      names.add("Action");
      names.add("Version");
    }
    int extra = random.nextInt(12);
    while (names.size() < extra + 2 && names.size() < 40) {
      names.add(name(random));
    }
    for (String name : names) {
      query.add(Map.entry(name, value(random)));
    }
    String body = "";
    String contentType = null;
    if (post) {
      List<Map.Entry<String, String>> form = new ArrayList<>();
      for (int k = random.nextInt(8); k >= 0; k--) {
        form.add(Map.entry(name(random), value(random)));
      }
      body = random.nextInt(5) == 0 ? "{\"Name\":\"" + value(random).replace("\\", "").replace("\"", "") + "\"}"
          : QueryPairs.encode(form);
      contentType = FORMS[random.nextInt(FORMS.length)];
    }
    byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    Instant at = Instant.ofEpochSecond(1_577_836_800L + (long) (random.nextDouble() * 315_360_000L));
    String xDate = VolcengineSigner.X_DATE.format(at);
    Map<String, String> headers = new LinkedHashMap<>();
    if (random.nextInt(3) > 0) {
      headers.put("Host", HOSTS[random.nextInt(HOSTS.length)]);
    }
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    headers.put(spec.dateHeader(), xDate);
    headers.put(spec.contentHashHeader(), VolcengineSigner.sha256Hex(bodyBytes));
    String accessKey = "AKLT" + token(random, 28, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    String secretKey = token(random, 40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");
    String region = REGIONS[random.nextInt(REGIONS.length)];
    String service = random.nextInt(5) == 0 ? "iam" : spec.service();
    String method = post ? "POST" : "GET";

    ObjectNode v = json.createObjectNode();
    v.put("id", id);
    v.put("method", method);
    v.put("path", "/");
    ArrayNode q = v.putArray("query");
    query.forEach(e -> q.addArray().add(e.getKey()).add(e.getValue()));
    ObjectNode h = v.putObject("headers");
    headers.forEach(h::put);
    v.put("body", body);
    v.put("xDate", xDate);
    v.put("accessKey", accessKey);
    v.put("secretKey", secretKey);
    v.put("region", region);
    v.put("service", service);
    String scope = xDate.substring(0, 8) + "/" + region + "/" + service + "/" + spec.terminator();
    SigningRequest request = new SigningRequest(method, "/", query, headers, bodyBytes);
    ObjectNode ours = v.putObject("ours");
    boolean changed = false;
    for (List<String> signed : lists(headers)) {
      String canonical = signer.canonicalRequest(request, signed);
      String written = canonicaliser.apply(canonical);
      changed |= !written.equals(canonical);
      ObjectNode o = ours.putObject(String.join(";", signed));
      o.put("canonicalRequest", written);
      o.put("signature", signer.signatureOf(written, xDate, scope, secretKey, region, service));
    }
    v.put("mutated", changed);
    return v;
  }

  /** x-date plus every subset of the other headers present, each sorted (as SignedHeaders lists them). */
  private List<List<String>> lists(Map<String, String> headers) {
    String date = spec.dateHeader().toLowerCase(Locale.ROOT);
    List<String> others = headers.keySet().stream().map(n -> n.toLowerCase(Locale.ROOT)).filter(n -> !n.equals(date)).toList();
    List<List<String>> out = new ArrayList<>();
    for (int mask = 0; mask < 1 << others.size(); mask++) {
      List<String> list = new ArrayList<>();
      list.add(date);
      for (int b = 0; b < others.size(); b++) {
        if ((mask & 1 << b) != 0) {
          list.add(others.get(b));
        }
      }
      list.sort(null);
      out.add(List.copyOf(list));
    }
    return out;
  }

  /** A contract name, a tag name (repeated-looking: Tags.1.Key, Tags.10.Key, Tags.1.Value), or a random one. */
  private static String name(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> CONTRACT_NAMES[random.nextInt(CONTRACT_NAMES.length)];
      case 1 -> "Tags." + (1 + random.nextInt(random.nextBoolean() ? 3 : 20)) + (random.nextBoolean() ? ".Key" : ".Value");
      case 2 -> random.nextBoolean() ? "Tags.1.Key" : (random.nextBoolean() ? "Tags.1.Key1" : "Tags.1.key");
      default -> {
        String name = token(random, 1 + random.nextInt(12), NAME_CHARS);
        // Not an array index: Node's Signer sorts names into a JS object, which lists index names
        // first in numeric order; a divergence recorded in interop/README.md, not a case to compare.
        yield name.chars().allMatch(Character::isDigit) ? name + "x" : name;
      }
    };
  }

  private static String value(Random random) {
    int pieces = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(8);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      b.append(VALUE_PIECES[random.nextInt(VALUE_PIECES.length)]);
    }
    return b.toString();
  }

  private static String token(Random random, int length, String alphabet) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
