package io.tmkit.interop.java;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Java interop program: {@code Main <endpoint> <admin-token> <cases.json>}. Runs every case of the
 * export through Volcengine's Java SDK core ({@link SdkCall}), then the differential signing check
 * ({@link SigningCheck}) on {@code sdk-signing-vectors.jsonl} and the planted mutant's
 * {@code sdk-signing-vectors-mutant.jsonl} beside the export (or {@code INTEROP_SDK_SIGNING_VECTORS} /
 * {@code INTEROP_SDK_SIGNING_MUTANT}), printing one line per case or check and the tally
 * {@code interop java: N passed, N failed, N skipped} (format: conformance-tests/interop/README.md).
 */
public final class Main {
  private static final String SDK = "java";
  private int passed;
  private int failed;
  private int skipped;

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: run.sh <endpoint> <admin-token> <cases.json>");
      System.exit(2);
    }
    Main main = new Main();
    try {
      main.run(args[0], args[1], Path.of(args[2]));
    } catch (IOException | RuntimeException e) {
      System.out.println("interop " + SDK + ": runner FAIL " + e);
      main.failed++;
    }
    System.out.println("interop " + SDK + ": " + main.passed + " passed, " + main.failed + " failed, " + main.skipped + " skipped");
    System.exit(main.failed == 0 ? 0 : 1);
  }

  private void run(String endpoint, String token, Path cases) throws IOException {
    SigningCheck signing = new SigningCheck();
    Admin admin = new Admin(endpoint, token);
    CaseRunner runner = new CaseRunner(endpoint.replaceFirst("/$", ""), admin);
    for (JsonElement e : new JsonParser().parse(Files.readString(cases, StandardCharsets.UTF_8)).getAsJsonArray()) {
      JsonObject c = e.getAsJsonObject();
      CaseRunner.Verdict v;
      try {
        v = runner.run(c);
      } catch (RuntimeException ex) {
        v = CaseRunner.Verdict.fail("the program failed: " + ex);
      }
      report(c.get("id").getAsString(), v);
    }
    admin.reset();
    Path dir = cases.toAbsolutePath().getParent();
    differential(signing, file("INTEROP_SDK_SIGNING_VECTORS", dir.resolve("sdk-signing-vectors.jsonl")),
        file("INTEROP_SDK_SIGNING_MUTANT", dir.resolve("sdk-signing-vectors-mutant.jsonl")));
  }

  private static String file(String variable, Path fallback) {
    String value = System.getenv(variable);
    return value == null || value.isEmpty() ? fallback.toString() : value;
  }

  private void differential(SigningCheck signing, String vectors, String mutant) throws IOException {
    if (vectors == null || !Files.isRegularFile(Path.of(vectors))) {
      report("signing-vectors", CaseRunner.Verdict.skip("no signing vectors at " + vectors + " (mvn -DskipTests package writes them)"));
    } else {
      SigningCheck.Result r = signing.check(Path.of(vectors));
      String what = "com.volcengine.sign.VolcstackSign vs our verifier: " + r.matched() + " of " + r.checked()
          + " java-sdk vectors byte-identical (canonical request and signature)";
      report("signing-vectors", r.checked() >= 1000 && r.matched() == r.checked() ? CaseRunner.Verdict.pass(what)
          : CaseRunner.Verdict.fail(what + (r.checked() < 1000 ? ", fewer than 1000" : "") + "; " + String.join("; ", r.differences())));
    }
    if (mutant == null || !Files.isRegularFile(Path.of(mutant))) {
      report("signing-mutant", CaseRunner.Verdict.skip("no planted-mutant vectors at " + mutant));
    } else {
      SigningCheck.Result r = signing.check(Path.of(mutant));
      int caught = r.checked() - r.matched();
      String what = "a canonicaliser one byte off (~ encoded): " + caught + " of " + r.checked() + " vectors differ from the SDK";
      report("signing-mutant", caught > 0 ? CaseRunner.Verdict.pass(what) : CaseRunner.Verdict.fail(what + ": the check cannot fail"));
    }
  }

  private void report(String id, CaseRunner.Verdict v) {
    switch (v.word()) {
      case "PASS" -> passed++;
      case "FAIL" -> failed++;
      default -> skipped++;
    }
    System.out.println("interop " + SDK + ": " + id + " " + v.word() + " " + v.detail());
  }
}
