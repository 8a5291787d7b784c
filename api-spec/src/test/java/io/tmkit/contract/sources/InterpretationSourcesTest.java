package io.tmkit.contract.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A reviewer can check every source the contract gives: each interpretation cites a public URL or
 * says that it has none and why, and no file of the repository points at a path outside it (notes
 * that only the authors' machines hold).
 */
class InterpretationSourcesTest {
  /** Built from pieces so that this file does not match itself. */
  private static final List<String> OUTSIDE_PATHS = List.of("shared" + "/notes", ".." + "/shared", "/" + "work/");

  /** Build output, installed tools and version-control data: not the repository's own text. */
  private static final Set<String> SKIPPED = Set.of(
      "target", "node_modules", ".git", ".cifuzz-corpus", ".idea", ".vscode", "__pycache__", ".tools");

  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyInterpretationOfTheContractCitesAPublicSourceOrSaysItHasNone() throws IOException {
    String yaml = Files.readString(Path.of("openapi.yaml"), StandardCharsets.UTF_8);
    int interpretations = InterpretationSources.passages(yaml).size();
    assertTrue(interpretations >= 25, "the contract has only " + interpretations + " interpretations: did the marker change?");
    List<InterpretationSources.Unsourced> unsourced = InterpretationSources.check(yaml);
    assertEquals(List.of(), unsourced, "interpretations without a URL or \"" + InterpretationSources.NO_SOURCE + " …\"");
  }

  @Test
  void noFileOfTheRepositoryNamesAPathOutsideIt() throws IOException {
    assertTrue(Files.isRegularFile(REPOSITORY.resolve("api-spec/openapi.yaml")), REPOSITORY + " is not the repository");
    List<String> found = new ArrayList<>();
    int scanned = 0;
    try (Stream<Path> files = Files.walk(REPOSITORY)) {
      for (Path file : (Iterable<Path>) files
          .filter(f -> REPOSITORY.relativize(f).toString().isEmpty()
              || Stream.of(REPOSITORY.relativize(f).toString().split("/")).noneMatch(SKIPPED::contains))
          .filter(Files::isRegularFile)::iterator) {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > 4_000_000 || contains(bytes, (byte) 0)) {
          continue; // binary
        }
        scanned++;
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          for (String outside : OUTSIDE_PATHS) {
            if (lines[i].contains(outside)) {
              found.add(REPOSITORY.relativize(file) + ":" + (i + 1) + ": " + lines[i].strip());
            }
          }
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    assertTrue(scanned > 100, "scanned only " + scanned + " files of " + REPOSITORY);
    assertEquals(List.of(), found, "paths outside the repository: cite a public source instead");
  }

  /** The rule is not vacuous: a passage without a source is found, whatever the text around it cites. */
  @Test
  void anUnsourcedInterpretationIsFound() throws IOException {
    String yaml = """
        info:
          description: |
            - **Interpretation** (https://www.volcengine.com/docs/6401/1157320): sourced.
            - **Interpretation** (our choice): no source, and the list item around it has none either.
            - **Interpretation** (no public source: our choice because
              the page is silent): the phrase may wrap.
        x-limits:
          description: |
            **Interpretation** (RFC 9110, https://www.rfc-editor.org/rfc/rfc9110): sourced.
            **Interpretation**: the URL of the passage before does not vouch for this one.

            A later paragraph's https://example.org/ does not either.
        """;
    List<InterpretationSources.Unsourced> found = InterpretationSources.check(yaml);
    assertEquals(2, found.size(), found::toString);
    assertEquals("/info/description", found.get(0).pointer());
    assertTrue(found.get(0).passage().contains("(our choice): no source"), found::toString);
    assertEquals("/x-limits/description", found.get(1).pointer());
    assertTrue(found.get(1).passage().contains("does not vouch"), found::toString);
  }

  private static boolean contains(byte[] bytes, byte b) {
    for (byte x : bytes) {
      if (x == b) {
        return true;
      }
    }
    return false;
  }
}
