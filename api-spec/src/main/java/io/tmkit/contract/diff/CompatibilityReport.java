package io.tmkit.contract.diff;

import java.util.List;

/**
 * The verdict on the current contract against the released baseline.
 *
 * @param baselineVersion {@code info.version} of the baseline (the released contract)
 * @param currentVersion {@code info.version} of the current document
 * @param openApiDiffBreaking whether openapi-diff calls the change incompatible
 * @param openApiDiffText openapi-diff's own account of the changes (empty when there are none)
 * @param narrowed the contract-level incompatibilities ({@link NarrowedRules})
 * @param identical whether the two documents are the same bytes
 */
public record CompatibilityReport(
    String baselineVersion,
    String currentVersion,
    boolean openApiDiffBreaking,
    String openApiDiffText,
    List<Incompatibility> narrowed,
    boolean identical) {

  public CompatibilityReport {
    narrowed = List.copyOf(narrowed);
  }

  public boolean breaking() {
    return openApiDiffBreaking || !narrowed.isEmpty();
  }

  public boolean versionBumped() {
    return !baselineVersion.equals(currentVersion);
  }

  /** What a maintainer reads: the verdict and, when the check fails, how to release. */
  public String explain(String currentPath, String baselinePath) {
    StringBuilder out = new StringBuilder();
    if (identical) {
      return out.append("compatible: ").append(currentPath).append(" is the released contract ")
          .append(baselineVersion).append(" (").append(baselinePath).append(")").toString();
    }
    if (!breaking()) {
      out.append("compatible: ").append(currentPath).append(" (info.version ").append(currentVersion)
          .append(") keeps every promise of the released contract ").append(baselineVersion).append('.');
      if (versionBumped()) {
        out.append(" When ").append(currentVersion).append(" is released, copy it to ").append(baselinePath)
            .append('.');
      }
      return out.toString();
    }
    out.append("BREAKING: ").append(currentPath).append(" (info.version ").append(currentVersion)
        .append(") breaks clients of the released contract ").append(baselineVersion).append(" (")
        .append(baselinePath).append(").\n");
    if (!versionBumped()) {
      out.append("Both documents say info.version ").append(currentVersion)
          .append(": a breaking change cannot keep the released version.\n");
    }
    if (!narrowed.isEmpty()) {
      out.append("Contract rules that accept less or answer differently:\n");
      narrowed.forEach(i -> out.append("  - ").append(i).append('\n'));
    }
    if (openApiDiffBreaking) {
      out.append("openapi-diff calls the change incompatible:\n").append(openApiDiffText.strip()).append('\n');
    }
    out.append("Either undo the change, or release a new contract version:\n")
        .append("  1. bump info.version in ").append(currentPath)
        .append(" (a new major version for a breaking change, e.g. ").append(nextMajor(currentVersion))
        .append(");\n")
        .append("  2. copy the document to the baseline: cp ").append(currentPath).append(' ')
        .append(baselinePath).append(";\n")
        .append("  3. commit both in one commit and say in its message what breaks.");
    return out.toString();
  }

  static String nextMajor(String version) {
    String major = version.split("\\.", 2)[0];
    try {
      return (Integer.parseInt(major) + 1) + ".0.0";
    } catch (NumberFormatException e) {
      return "a new major version";
    }
  }
}
