package io.tmkit.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tmkit.conformance.cases.CaseSet;
import io.tmkit.conformance.cases.ConformanceCase;
import io.tmkit.conformance.cases.Signing;
import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.resolve.ResolvedCase;
import io.tmkit.conformance.resolve.ResolvedRequest;
import io.tmkit.conformance.resolve.Resolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The cases resolved for the demo world, as JSON for the smoke tests in other languages. Only cases a
 * plain signing client can replay are exported: no preconditions, signed or unsigned (no mutation),
 * parameters in the query string, nothing only the raw surface runs. Each entry: id, family, documentation, tags, appliesTo, accessKey
 * (null when unsigned) and its secretKey (demo credentials), request {method, params as [name, value]
 * in wire order}, expect {status, code, message} (code and message null for a success).
 */
public final class CasesJson {
  private static final Set<Signing.Kind> PLAIN = Set.of(Signing.Kind.SIGNED, Signing.Kind.UNSIGNED);

  private CasesJson() {}

  public static boolean exportable(ConformanceCase c) {
    return c.preconditions().isEmpty()
        && PLAIN.contains(c.request().signing().kind())
        && !c.request().isRaw()
        && !c.request().formBody()
        && c.request().wire() == null
        && !c.appliesTo().equals(Set.of(Surface.RAW));
  }

  public static ArrayNode toJson(CaseSet cases, Resolver resolver) {
    ObjectMapper json = new ObjectMapper();
    ArrayNode out = json.createArrayNode();
    for (ConformanceCase c : cases.cases()) {
      if (!exportable(c)) {
        continue;
      }
      ResolvedCase r = resolver.resolve(c);
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
      boolean unsigned = req.signing().kind() == Signing.Kind.UNSIGNED;
      o.put("accessKey", unsigned ? null : req.accessKey().accessKey());
      o.put("secretKey", unsigned ? null : req.accessKey().secretKey());
      ObjectNode request = o.putObject("request");
      request.put("method", req.method());
      ArrayNode params = request.putArray("params");
      for (Map.Entry<String, String> p : req.params()) {
        params.addArray().add(p.getKey()).add(p.getValue());
      }
      ObjectNode expect = o.putObject("expect");
      expect.put("status", r.status());
      expect.put("code", r.code());
      expect.put("message", r.message());
    }
    return out;
  }

  public static void write(ArrayNode cases, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), cases);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
