package io.tmkit.contract.signing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A raw query string as the pairs a signature covers: split on {@code &}, empty segments skipped,
 * names and values form-decoded as UTF-8, order and repeats kept. One implementation for every
 * signer, so that client and test tools cannot disagree on what was signed.
 */
public final class QueryPairs {
  private QueryPairs() {}

  /** Decodes a well-formed query; a bad escape throws {@link IllegalArgumentException}. */
  public static List<Map.Entry<String, String>> decode(String rawQuery) {
    return split(rawQuery, false);
  }

  /** Decodes what decodes and keeps any other part as it is (for signing deliberately malformed requests). */
  public static List<Map.Entry<String, String>> decodeLeniently(String rawQuery) {
    return split(rawQuery, true);
  }

  /** The pairs in their order, names and values percent-encoded as RFC 3986 (the inverse of {@link #decode}). */
  public static String encode(List<Map.Entry<String, String>> pairs) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> p : pairs) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(VolcengineSigner.uriEncode(p.getKey())).append('=').append(VolcengineSigner.uriEncode(p.getValue()));
    }
    return out.toString();
  }

  private static List<Map.Entry<String, String>> split(String rawQuery, boolean lenient) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return pairs;
    }
    for (String part : rawQuery.split("&", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      pairs.add(Map.entry(decodePart(name, lenient), decodePart(value, lenient)));
    }
    return pairs;
  }

  private static String decodePart(String s, boolean lenient) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      if (lenient) {
        return s;
      }
      throw e;
    }
  }
}
