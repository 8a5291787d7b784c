package io.tmkit.conformance.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tmkit.conformance.report.SigningVectors;
import io.tmkit.contract.Contract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Build step: writes the differential signing vectors, one JSON object a line, into the given folder:
 * {@code signing-vectors.jsonl} (our signer) and {@code signing-vectors-mutant.jsonl} (the same
 * requests through a canonicaliser with a planted one-byte change). Arguments: folder, count, seed.
 */
public final class ExportSigningVectors {
  private ExportSigningVectors() {}

  public static void main(String[] args) {
    Path folder = Path.of(args.length > 0 ? args[0] : "target");
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261201L;
    SigningVectors vectors = new SigningVectors(Contract.bundled().signing());
    write(vectors.generate(count, seed, UnaryOperator.identity()), folder.resolve("signing-vectors.jsonl"));
    List<ObjectNode> mutant = vectors.generate(count, seed, SigningVectors.STAR_LEFT_BARE);
    write(mutant, folder.resolve("signing-vectors-mutant.jsonl"));
    long changed = mutant.stream().filter(v -> v.path("mutated").asBoolean()).count();
    System.out.println("exported " + count + " signing vectors (seed " + seed + ") to " + folder
        + "; the mutant changes " + changed + " of them");
  }

  private static void write(List<ObjectNode> vectors, Path file) {
    ObjectMapper json = new ObjectMapper();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (ObjectNode v : vectors) {
          out.write(json.writeValueAsString(v));
          out.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
