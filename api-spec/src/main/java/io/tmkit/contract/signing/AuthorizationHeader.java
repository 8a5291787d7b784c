package io.tmkit.contract.signing;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A parsed {@code Authorization: HMAC-SHA256 Credential=AK/date/region/service/request,
 * SignedHeaders=a;b, Signature=hex} header. {@link #parse} returns empty for anything malformed.
 */
public record AuthorizationHeader(
    String algorithm,
    String accessKey,
    String date,
    String region,
    String service,
    String terminator,
    List<String> signedHeaders,
    String signature) {

  /**
   * The header's grammar, as a regular expression (a test holds {@link #parse} to it):
   * {@code ^(\S+) Credential=([^/,\s]+)/([0-9]{8})/([^/,\s]+)/([^/,\s]+)/([^/,\s]+),\s*}
   * {@code SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*),\s*Signature=([0-9a-f]{64})$}, on the trimmed
   * value. Read by hand: the server parses one per request, and the regular expression cost more
   * than the rest of authentication.
   */
  public static Optional<AuthorizationHeader> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    return new Reader(header.trim()).header();
  }

  /** A cursor over the header: a part that departs from the grammar reads as null (or false), and so does every part after it. */
  private static final class Reader {
    private final String s;
    private int at;

    Reader(String s) {
      this.s = s;
    }

    Optional<AuthorizationHeader> header() {
      String algorithm = until(' ', false);
      if (algorithm == null || !literal(" Credential=")) {
        return Optional.empty();
      }
      String accessKey = segment('/');
      String date = segment('/');
      String region = segment('/');
      String service = segment('/');
      String terminator = segment(',');
      if (terminator == null || date.length() != 8 || !all(date, "0123456789")) {
        return Optional.empty();
      }
      skipSpaces();
      if (!literal("SignedHeaders=")) {
        return Optional.empty();
      }
      String signed = until(',', true);
      if (signed == null || !signedHeaders(signed)) {
        return Optional.empty();
      }
      at++;
      skipSpaces();
      if (!literal("Signature=")) {
        return Optional.empty();
      }
      String signature = s.substring(at);
      if (signature.length() != 64 || !all(signature, "0123456789abcdef")) {
        return Optional.empty();
      }
      return Optional.of(new AuthorizationHeader(algorithm, accessKey, date, region, service, terminator,
          Arrays.asList(signed.split(";")), signature));
    }

    /** {@code [^/,\s]+} followed by {@code end}, which is consumed. */
    private String segment(char end) {
      if (at < 0) {
        return null;
      }
      int start = at;
      while (at < s.length() && s.charAt(at) != '/' && s.charAt(at) != ',' && !space(s.charAt(at))) {
        at++;
      }
      if (at == start || at >= s.length() || s.charAt(at) != end) {
        at = -1;
        return null;
      }
      return s.substring(start, at++);
    }

    /** The non-empty text up to {@code end} (not consumed); with {@code spaces} false, it holds none. */
    private String until(char end, boolean spaces) {
      int start = at;
      while (at < s.length() && s.charAt(at) != end && (spaces || !space(s.charAt(at)))) {
        at++;
      }
      if (at == start || at >= s.length() || s.charAt(at) != end) {
        return null;
      }
      return s.substring(start, at);
    }

    private boolean literal(String text) {
      if (!s.startsWith(text, at)) {
        return false;
      }
      at += text.length();
      return true;
    }

    private void skipSpaces() {
      while (at < s.length() && space(s.charAt(at))) {
        at++;
      }
    }

    /** {@code [a-z0-9-]+(?:;[a-z0-9-]+)*} */
    private static boolean signedHeaders(String text) {
      boolean pieceStarted = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == ';') {
          if (!pieceStarted) {
            return false;
          }
          pieceStarted = false;
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
          pieceStarted = true;
        } else {
          return false;
        }
      }
      return pieceStarted;
    }

    private static boolean all(String text, String allowed) {
      for (int i = 0; i < text.length(); i++) {
        if (allowed.indexOf(text.charAt(i)) < 0) {
          return false;
        }
      }
      return true;
    }

    /** Java's {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean space(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
  }

  public String scope() {
    return date + "/" + region + "/" + service + "/" + terminator;
  }
}
