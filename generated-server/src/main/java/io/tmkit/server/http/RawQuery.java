package io.tmkit.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A strict reader of {@code application/x-www-form-urlencoded} text (query strings and form bodies).
 * Only printable ASCII may appear raw; {@code %XX} must be two hex digits and the bytes must be UTF-8;
 * {@code +} is a space (as Jersey reads it, so both see the same values); empty segments between
 * {@code &} are skipped; a parameter must have a name. Anything else is malformed (empty result).
 */
final class RawQuery {
  private RawQuery() {}

  static Optional<List<Map.Entry<String, String>>> parse(String raw) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    if (raw == null || raw.isEmpty()) {
      return Optional.of(pairs);
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return Optional.empty();
      }
    }
    int from = 0;
    while (from <= raw.length()) {
      int amp = raw.indexOf('&', from);
      int end = amp < 0 ? raw.length() : amp;
      if (end > from) {
        int eq = raw.indexOf('=', from);
        boolean hasValue = eq >= 0 && eq < end;
        String name = decode(raw, from, hasValue ? eq : end);
        String value = hasValue ? decode(raw, eq + 1, end) : "";
        if (name == null || value == null || name.isEmpty()) {
          return Optional.empty();
        }
        pairs.add(Map.entry(name, value));
      }
      from = end + 1;
    }
    return Optional.of(pairs);
  }


  private static String decode(String raw, int from, int to) {
    boolean plain = true;
    for (int i = from; i < to; i++) {
      char c = raw.charAt(i);
      if (c == '%' || c == '+') {
        plain = false;
        break;
      }
    }
    if (plain) {
      return raw.substring(from, to);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      char c = raw.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        if (i + 2 >= to) {
          return null;
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
