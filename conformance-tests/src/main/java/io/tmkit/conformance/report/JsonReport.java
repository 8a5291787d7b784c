package io.tmkit.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.run.CaseResult;
import io.tmkit.conformance.run.RunReport;
import io.tmkit.conformance.run.SurfaceResult;
import io.tmkit.conformance.run.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The run as JSON ({@code report.json}), for machines: the format {@code tm-conformance-report/1},
 * described in conformance-tests/README.md and {@code report.schema.json}. Skips keep their reasons,
 * so that a reader can tell a pass from "nothing ran".
 */
public final class JsonReport {
  public static final String FORMAT = "tm-conformance-report/1";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  /** @param about {@code runner}, {@code contract}, {@code runId} and the like, written as they are */
  public static void write(RunReport report, Map<String, String> about, Path file) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    about.forEach(root::put);
    root.put("target", report.target());
    root.put("wallMillis", report.wallMillis());
    root.set("totals", totals(report));
    ObjectNode bySurface = root.putObject("surfaces");
    for (Surface s : Surface.values()) {
      ObjectNode counts = JSON.createObjectNode();
      for (Verdict v : Verdict.values()) {
        counts.put(name(v), report.cases().stream().flatMap(c -> c.on(s).stream()).filter(r -> r.verdict() == v).count());
      }
      bySurface.set(s.key(), counts);
    }
    ArrayNode notes = root.putArray("notes");
    report.notes().forEach(notes::add);
    ArrayNode cases = root.putArray("cases");
    for (CaseResult c : report.cases()) {
      ObjectNode o = cases.addObject();
      o.put("id", c.id());
      o.put("family", c.source().family());
      o.put("verdict", name(c.verdict()));
      o.put("status", c.status());
      o.put("code", c.code());
      o.put("message", c.message());
      o.put("millis", c.millis());
      ArrayNode on = o.putArray("surfaces");
      for (SurfaceResult s : c.surfaces()) {
        ObjectNode r = on.addObject();
        r.put("surface", s.surface().key());
        r.put("verdict", name(s.verdict()));
        ArrayNode reasons = r.putArray("reasons");
        s.reasons().forEach(reasons::add);
        r.put("millis", s.millis());
      }
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      JSON.writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode totals(RunReport report) {
    ObjectNode t = JSON.createObjectNode();
    for (Verdict v : Verdict.values()) {
      t.put(name(v), report.count(v));
    }
    return t;
  }

  private static String name(Verdict v) {
    return v.name().toLowerCase(Locale.ROOT);
  }
}
