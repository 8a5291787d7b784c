package io.tmkit.conformance.report;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tmkit.conformance.cases.CaseSet;
import io.tmkit.conformance.cases.ConformanceCase;
import io.tmkit.conformance.cases.Signing;
import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.resolve.ResolvedCase;
import io.tmkit.conformance.resolve.ResolvedPrecondition;
import io.tmkit.conformance.resolve.ResolvedRequest;
import io.tmkit.conformance.resolve.Resolver;
import io.tmkit.contract.Contract;
import io.tmkit.contract.signing.Credentials;
import io.tmkit.contract.signing.QueryPairs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every case resolved for the demo world, as JSON for the programs in other languages (the smoke run
 * of generated clients, the interop run of Volcengine's official SDKs). The format is documented in
 * {@code conformance-tests/README.md} (section "The cases export"); each program takes the cases it
 * can express and reports the others as skipped with the reason. Fields that only some cases have
 * are present on every case (null or empty), so that a reader need not guess. Cases only the raw
 * surface runs (bytes on a socket) are left out: no client can express them; so are cases whose
 * parameters hold a lone surrogate, which no request on the wire can carry.
 */
public final class CasesJson {
  private static final Set<Signing.Kind> PLAIN = Set.of(Signing.Kind.SIGNED, Signing.Kind.UNSIGNED);
  private static final Pattern TAG = Pattern.compile("Tags\\.([0-9]+)\\.(Key|Value)");

  private CasesJson() {}

  /**
   * True when a plain signing client replays the case as it is: no preconditions, signed or unsigned
   * (no mutation), parameters in the query string. Exported as {@code plain}.
   */
  public static boolean plain(ConformanceCase c) {
    return c.preconditions().isEmpty()
        && PLAIN.contains(c.request().signing().kind())
        && !c.request().isRaw()
        && !c.request().formBody()
        && c.request().wire() == null
        && !c.appliesTo().equals(Set.of(Surface.RAW));
  }

  /** Whether every name and value is well-formed UTF-16, so that it has a UTF-8 form to send. */
  private static boolean utf8(List<Map.Entry<String, String>> params) {
    for (Map.Entry<String, String> p : params) {
      for (String text : new String[] {p.getKey(), p.getValue()}) {
        if (text != null && !java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
          return false;
        }
      }
    }
    return true;
  }

  public static ArrayNode toJson(CaseSet cases, Resolver resolver, Contract contract) {
    ObjectMapper json = new ObjectMapper();
    ArrayNode out = json.createArrayNode();
    String region = resolver.fixtures().region();
    String service = contract.signing().service();
    for (ConformanceCase c : cases.cases()) {
      if (c.appliesTo().equals(Set.of(Surface.RAW))) {
        continue;
      }
      ResolvedCase r = resolver.resolve(c);
      if (!utf8(r.request().params())) {
        // A lone surrogate has no UTF-8 form: no request on the wire carries it. Such a case checks the
        // Java client's local refusal; another language's program would only show what its own runtime
        // does with text it cannot encode (measured: a URIError, '?', U+FFFD, a UnicodeEncodeError).
        continue;
      }
      ResolvedRequest req = r.request();
      ObjectNode o = out.addObject();
      o.put("id", c.id());
      o.put("family", c.family());
      o.put("documentation", c.documentation());
      ArrayNode tags = o.putArray("tags");
      c.tags().stream().sorted().forEach(tags::add);
      ArrayNode applies = o.putArray("appliesTo");
      for (Surface s : Surface.values()) {
        if (c.appliesTo(s)) {
          applies.add(s.key());
        }
      }
      o.put("plain", plain(c));
      boolean unsigned = req.signing().kind() == Signing.Kind.UNSIGNED;
      o.put("accessKey", unsigned ? null : req.accessKey().accessKey());
      o.put("secretKey", unsigned ? null : req.accessKey().secretKey());
      o.put("accountId", r.accountId());
      o.put("resetBefore", c.canCreate());
      request(o.putObject("request"), req, region, service);
      ArrayNode pre = o.putArray("preconditions");
      for (ResolvedPrecondition p : r.preconditions()) {
        ObjectNode n = pre.addObject();
        if (p instanceof ResolvedPrecondition.PriorRequest prior) {
          n.put("kind", "priorRequest");
          n.put("as", prior.as());
          n.put("expectStatus", prior.expectStatus());
          request(n.putObject("request"), prior.request(), region, service);
        } else if (p instanceof ResolvedPrecondition.InFlight inFlight) {
          n.put("kind", "inFlight");
          n.put("settleMs", inFlight.settleMs());
          request(n.putObject("request"), inFlight.request(), region, service);
        } else if (p instanceof ResolvedPrecondition.Fault fault) {
          n.put("kind", "fault");
          n.put("accountId", fault.accountId());
          n.put("code", fault.code());
          n.put("phase", fault.phase());
          n.put("times", fault.times());
        }
      }
      ObjectNode expect = o.putObject("expect");
      expect.put("status", r.status());
      expect.put("code", r.code());
      expect.put("message", r.message());
      expect.put("sameSessionAs", c.expect().sameSessionAs());
      expect.put("sessionsCreated", c.expect().sessionsCreated());
      if (r.expectsSuccess()) {
        stored(expect.putObject("stored"), req);
      } else {
        expect.putNull("stored");
      }
    }
    return out;
  }

  /**
   * One request: method, where the parameters travel ({@code query} or a {@code form} body), the
   * parameters in wire order (repeats kept) or the raw query sent verbatim, and how it is signed
   * ({@code signing.accessKey}/{@code secretKey}: the credentials to sign with, already changed for
   * the {@code unknown-key} and {@code wrong-secret} mutations; null when unsigned).
   */
  private static void request(ObjectNode request, ResolvedRequest req, String region, String service) {
    request.put("method", req.method());
    request.put("body", req.formBody() ? "form" : "query");
    request.put("rawQuery", req.rawQuery());
    ArrayNode params = request.putArray("params");
    for (Map.Entry<String, String> p : req.params()) {
      params.addArray().add(p.getKey()).add(p.getValue());
    }
    ObjectNode signing = request.putObject("signing");
    signing.put("kind", req.signing().kind().key());
    ObjectNode options = signing.putObject("options");
    new TreeMap<>(req.signing().options()).forEach(options::put);
    boolean unsigned = req.signing().kind() == Signing.Kind.UNSIGNED;
    Credentials with = req.signing().signWith(req.accessKey().credentials());
    signing.put("accessKey", unsigned ? null : with.accessKey());
    signing.put("secretKey", unsigned ? null : with.secretKey());
    signing.put("region", region);
    signing.put("service", service);
  }

  /**
   * What the created session must hold, as the reference server's admin API lists it
   * ({@code GET /_admin/sessions}): each parameter sent, under its name with the first letter in
   * lower case, as the text sent; the tags as a list {@code [{key, value}]} in index order (a key
   * without a value holds the empty value). Action and Version are not stored.
   */
  private static void stored(ObjectNode stored, ResolvedRequest req) {
    List<Map.Entry<String, String>> params = req.isRaw() ? QueryPairs.decodeLeniently(req.rawQuery()) : req.params();
    TreeMap<Integer, String[]> tags = new TreeMap<>();
    for (Map.Entry<String, String> p : params) {
      String name = p.getKey();
      Matcher tag = TAG.matcher(name);
      if (tag.matches()) {
        String[] kv = tags.computeIfAbsent(Integer.parseInt(tag.group(1)), n -> new String[] {null, ""});
        kv[tag.group(2).equals("Key") ? 0 : 1] = p.getValue();
      } else if (!name.equals("Action") && !name.equals("Version") && !name.isEmpty()) {
        stored.put(Character.toLowerCase(name.charAt(0)) + name.substring(1), p.getValue());
      }
    }
    if (!tags.isEmpty()) {
      ArrayNode list = stored.putArray("tags");
      tags.values().forEach(kv -> list.addObject().put("key", kv[0]).put("value", kv[1]));
    }
  }

  public static void write(ArrayNode cases, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      // Every character outside ASCII as a JSON escape (backslash, u, four hex digits): a value that is
      // not text (a lone surrogate, which a case may carry to see it refused) has no UTF-8 form and
      // would otherwise be written as "?".
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).enable(JsonWriteFeature.ESCAPE_NON_ASCII).build()
          .writeValue(file.toFile(), cases);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
