package io.tmkit.conformance.cli;

import io.tmkit.conformance.vectors.SdkSigningVectors;
import io.tmkit.contract.Contract;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes signing vectors (JSON lines, see {@link SdkSigningVectors}) for the differential test against
 * the official SDKs' signers: {@code ExportSdkSigningVectors OUT [--count N] [--seed S] [--plant]}.
 * {@code --plant} computes the expected values with a canonicaliser that differs from ours in one
 * byte, which every official checker must then reject.
 */
public final class ExportSdkSigningVectors {
  private ExportSdkSigningVectors() {}

  public static void main(String[] args) {
    Path out = null;
    int count = 1000;
    long seed = 20261201L;
    SdkSigningVectors.Canonicaliser canonicaliser = SdkSigningVectors.Canonicaliser.OURS;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--count" -> count = Integer.parseInt(args[++i]);
          case "--seed" -> seed = Long.parseLong(args[++i]);
          case "--plant" -> canonicaliser = SdkSigningVectors.Canonicaliser.PLANTED_TILDE;
          default -> {
            if (args[i].startsWith("--") || out != null) {
              throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            out = Path.of(args[i]);
          }
        }
      }
      if (out == null || count < 1) {
        throw new IllegalArgumentException("usage: ExportSdkSigningVectors OUT [--count N>0] [--seed S] [--plant]");
      }
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      System.err.println("error: " + (e instanceof ArrayIndexOutOfBoundsException ? "a value is missing after the last option" : e.getMessage()));
      System.exit(2);
      return;
    }
    var vectors = new SdkSigningVectors(Contract.bundled(), canonicaliser).generate(count, seed);
    try {
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        for (var v : vectors) {
          w.write(v.toString());
          w.write('\n');
        }
      }
    } catch (IOException e) {
      System.err.println("error: cannot write " + out + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println("wrote " + vectors.size() + " signing vectors (" + canonicaliser + ", seed " + seed + ") to " + out);
  }
}
