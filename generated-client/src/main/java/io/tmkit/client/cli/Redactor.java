package io.tmkit.client.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the secrets out of text before the CLI prints it: the secret key (which never goes on the wire,
 * but may sit in an error message) and the STS session token (which does, in X-Security-Token, and in
 * the canonical request when signed). Longest first, so that one secret inside another leaves no tail.
 *
 * <p>A secret of {@value #WHOLE_WORDS_BELOW} characters or more is replaced wherever it occurs: text that
 * long does not occur by chance. A shorter one (a test key such as {@code abc}) only where it stands
 * alone, not directly after or before a letter or a digit: replaced everywhere, it took letters out of
 * words ({@code Action} became {@code <redacted>ction} for a secret {@code A}) and made the debug output
 * unreadable, while its own occurrences, as a header value, after {@code =} or {@code :}, still go.
 */
final class Redactor {
  static final String REDACTED = "<redacted>";
  static final int WHOLE_WORDS_BELOW = 16;

  private final List<Pattern> secrets = new ArrayList<>();

  Redactor(String... secrets) {
    List<String> sorted = new ArrayList<>();
    for (String s : secrets) {
      if (s != null && !s.isEmpty()) {
        sorted.add(s);
      }
    }
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    for (String s : sorted) {
      String literal = Pattern.quote(s);
      this.secrets.add(Pattern.compile(s.length() >= WHOLE_WORDS_BELOW ? literal
          : "(?<![\\p{L}\\p{Nd}])" + literal + "(?![\\p{L}\\p{Nd}])"));
    }
  }

  String apply(String text) {
    String out = Objects.requireNonNullElse(text, "");
    for (Pattern s : secrets) {
      out = s.matcher(out).replaceAll(Matcher.quoteReplacement(REDACTED));
    }
    return out;
  }
}
