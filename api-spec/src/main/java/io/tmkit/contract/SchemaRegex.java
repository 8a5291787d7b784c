package io.tmkit.contract;

import java.util.regex.Pattern;

/**
 * A schema {@code pattern} (ECMA-262, as OpenAPI and JSON Schema define it) compiled for Java's engine.
 * The document's patterns use only syntax both engines share, with one difference of meaning: ECMA's
 * {@code $} matches only at the end of the input, Java's also before a final line terminator, so
 * {@code "eni-abc\n"} would pass {@code ^eni-[a-z0-9]{1,60}$}. Every {@code $} anchor becomes
 * Java's {@code \z}. The result is used with {@code find()}, as the schema keyword is.
 */
public final class SchemaRegex {
  private SchemaRegex() {}

  public static Pattern compile(String ecma) {
    StringBuilder java = new StringBuilder(ecma.length() + 4);
    boolean inClass = false;
    for (int i = 0; i < ecma.length(); i++) {
      char c = ecma.charAt(i);
      if (c == '\\' && i + 1 < ecma.length()) {
        java.append(c).append(ecma.charAt(++i));
      } else if (c == '[' && !inClass) {
        inClass = true;
        java.append(c);
      } else if (c == ']' && inClass) {
        inClass = false;
        java.append(c);
      } else if (c == '$' && !inClass) {
        java.append("\\z");
      } else {
        java.append(c);
      }
    }
    return Pattern.compile(java.toString());
  }
}
