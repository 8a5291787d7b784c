package io.tmkit.contract.codegen;

import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a Java class of {@code String} constants, one per documented error code of the contract's
 * {@code x-error-catalog}, for consumers that want to name a code at compile time without retyping it.
 * Run at build time ({@code exec-maven-plugin}); the class lives under {@code target/} and is never
 * committed, so a code that leaves the contract breaks the consumer's compilation instead of drifting.
 *
 * <p>Usage: {@code ErrorCodeConstants <openapi.yaml> <fully.qualified.ClassName> <source root>}.
 */
public final class ErrorCodeConstants {
  private final Contract contract;

  public ErrorCodeConstants(Contract contract) {
    this.contract = contract;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: ErrorCodeConstants <openapi.yaml> <ClassName> <source root>");
    }
    Contract contract = Contract.load(Path.of(args[0]));
    String className = args[1];
    Path file = Path.of(args[2]).resolve(className.replace('.', '/') + ".java");
    String source = new ErrorCodeConstants(contract).source(className);
    Files.createDirectories(file.getParent());
    // Rewrite only on change, so that an unchanged contract does not force a recompilation.
    if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(source)) {
      Files.writeString(file, source, StandardCharsets.UTF_8);
    }
  }

  /** {@code InvalidParameter.ClientTokenMalformed} → {@code INVALID_PARAMETER_CLIENT_TOKEN_MALFORMED}. */
  public static String constantName(String code) {
    StringBuilder out = new StringBuilder();
    char previous = 0;
    for (char c : code.toCharArray()) {
      if (!Character.isLetterOrDigit(c)) {
        out.append('_');
      } else {
        if (Character.isUpperCase(c) && (Character.isLowerCase(previous) || Character.isDigit(previous))) {
          out.append('_');
        }
        out.append(Character.toUpperCase(c));
      }
      previous = c;
    }
    return out.toString();
  }

  /** The source text of the constants class. */
  public String source(String qualifiedName) {
    int dot = qualifiedName.lastIndexOf('.');
    String pkg = dot < 0 ? "" : qualifiedName.substring(0, dot);
    String simple = qualifiedName.substring(dot + 1);
    Map<String, List<ErrorRow>> byCode = new LinkedHashMap<>();
    for (ErrorRow row : contract.errors().rows()) {
      byCode.computeIfAbsent(row.code(), c -> new ArrayList<>()).add(row);
    }
    Map<String, String> names = new LinkedHashMap<>();
    byCode.keySet().forEach(code -> {
      String previous = names.put(constantName(code), code);
      if (previous != null) {
        throw new IllegalStateException(code + " and " + previous + " give the same constant name");
      }
    });

    StringBuilder out = new StringBuilder();
    if (!pkg.isEmpty()) {
      out.append("package ").append(pkg).append(";\n\n");
    }
    out.append("/**\n")
        .append(" * The documented error codes of ").append(escape(contract.operationId()))
        .append(", generated from the contract's {@code x-error-catalog}\n")
        .append(" * by {@code ").append(ErrorCodeConstants.class.getName()).append("}. Do not edit.\n")
        .append(" */\n")
        .append("@SuppressWarnings(\"unused\")\n")
        .append("public final class ").append(simple).append(" {\n")
        .append("  private ").append(simple).append("() {}\n");
    names.forEach((name, code) -> {
      out.append("\n  /**\n");
      for (ErrorRow row : byCode.get(code)) {
        out.append("   * HTTP ").append(row.status()).append(": ").append(escape(row.message())).append("<br>\n");
      }
      out.append("   */\n");
      out.append("  public static final String ").append(name).append(" = \"").append(code).append("\";\n");
    });
    out.append("\n  /** Every code above, in the order of the catalog. */\n");
    out.append("  public static final java.util.List<String> ALL = java.util.List.of(\n");
    out.append(String.join(",\n", names.keySet().stream().map(n -> "      " + n).toList()));
    out.append(");\n}\n");
    return out.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("*/", "*&#47;").replace("@", "&#64;").replace("\\u", "\\\\u");
  }
}
