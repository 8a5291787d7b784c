package io.tmkit.client.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Takes the secrets out of text before the CLI prints it: the secret key (which never goes on the wire,
 * but may sit in an error message) and the STS session token (which does, in X-Security-Token, and in
 * the canonical request when signed). Longest first, so that one secret inside another leaves no tail.
 */
final class Redactor {
  static final String REDACTED = "<redacted>";

  private final List<String> secrets = new ArrayList<>();

  Redactor(String... secrets) {
    for (String s : secrets) {
      if (s != null && !s.isEmpty()) {
        this.secrets.add(s);
      }
    }
    this.secrets.sort(Comparator.comparingInt(String::length).reversed());
  }

  String apply(String text) {
    String out = Objects.requireNonNullElse(text, "");
    for (String s : secrets) {
      out = out.replace(s, REDACTED);
    }
    return out;
  }
}
