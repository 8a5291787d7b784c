package io.tmkit.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A response body that Jackson wrote once, from a generated model whose per-request strings were
 * markers, cut at those markers: filling the slots gives the bytes Jackson would write for the same
 * model, without building and serializing the model per request. A value that is printable ASCII
 * without a quote or backslash goes in as it is (Jackson writes it so too); any other value is
 * escaped by Jackson itself, so the bytes stay Jackson's in every case.
 */
final class JsonTemplate {
  private final ObjectMapper json;
  /** The constant pieces between the slots: one more than the slots. */
  private final byte[][] pieces;
  /** Which value goes into each slot, in the order the slots appear. */
  private final int[] slotValue;

  private JsonTemplate(ObjectMapper json, byte[][] pieces, int[] slotValue) {
    this.json = json;
    this.pieces = pieces;
    this.slotValue = slotValue;
  }

  /** The marker standing for value {@code i} while the template is written. */
  static String marker(int i) {
    return "TMKIT-SLOT-" + i + "-TMKIT";
  }

  /**
   * The template of the model that {@code model} builds when given the markers of {@code values}
   * values. Fails if a marker does not appear, as a string of its own, exactly where a value goes.
   */
  static JsonTemplate of(ObjectMapper json, int values, Function<String[], Object> model) {
    String[] markers = new String[values];
    for (int i = 0; i < values; i++) {
      markers[i] = marker(i);
    }
    String text;
    try {
      text = json.writeValueAsString(model.apply(markers));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a response model", e);
    }
    List<byte[]> pieces = new ArrayList<>();
    List<Integer> slots = new ArrayList<>();
    int from = 0;
    while (true) {
      int at = -1;
      int which = -1;
      for (int i = 0; i < values; i++) {
        int found = text.indexOf('"' + markers[i] + '"', from);
        if (found >= 0 && (at < 0 || found < at)) {
          at = found;
          which = i;
        }
      }
      if (at < 0) {
        break;
      }
      pieces.add(text.substring(from, at + 1).getBytes(StandardCharsets.UTF_8));
      slots.add(which);
      from = at + 1 + markers[which].length();
    }
    pieces.add(text.substring(from).getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < values; i++) {
      if (!slots.contains(i)) {
        throw new IllegalStateException("value " + i + " does not appear in " + text);
      }
    }
    return new JsonTemplate(json, pieces.toArray(new byte[0][]),
        slots.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The body with each slot filled; none of {@code values} may be null (a null field is left out, not templated). */
  byte[] render(String... values) {
    int size = 0;
    for (byte[] p : pieces) {
      size += p.length;
    }
    for (int v : slotValue) {
      size += values[v].length();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + 16);
    for (int i = 0; i < slotValue.length; i++) {
      out.writeBytes(pieces[i]);
      writeString(out, values[slotValue[i]]);
    }
    out.writeBytes(pieces[pieces.length - 1]);
    return out.toByteArray();
  }

  private void writeString(ByteArrayOutputStream out, String value) {
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        out.writeBytes(escaped(value));
        return;
      }
    }
    // Printable ASCII only: its bytes are its characters. One write, not one synchronized call per byte.
    out.writeBytes(value.getBytes(StandardCharsets.US_ASCII));
  }

  /** Jackson's own escaping of a string, without the quotes. */
  private byte[] escaped(String value) {
    try {
      byte[] quoted = json.writeValueAsBytes(value);
      byte[] inner = new byte[quoted.length - 2];
      System.arraycopy(quoted, 1, inner, 0, inner.length);
      return inner;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a string", e);
    }
  }
}
