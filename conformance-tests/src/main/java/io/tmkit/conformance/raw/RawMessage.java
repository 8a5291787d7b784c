package io.tmkit.conformance.raw;

import io.tmkit.conformance.cases.WireTemplate;
import io.tmkit.conformance.http.WireRequest;
import io.tmkit.conformance.http.WireRequests;
import io.tmkit.conformance.resolve.ResolvedRequest;
import io.tmkit.conformance.resolve.ResolvedWire;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bytes the raw surface puts on a socket for one request: the request signed as a client would
 * sign it ({@link WireRequests}, for the Host value actually sent), then written out as HTTP/1.1 with
 * the case's changes: request target and version, Host, extra headers after the signed ones, headers
 * left out, another body, a second request behind it or inside the body. {@code stallAfter} (or the
 * whole length) is how much a slow client sends at once; {@code trickleMs} the pace of the rest.
 */
public record RawMessage(byte[] bytes, int stallAfter, Integer trickleMs) {

  public RawMessage {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  /** Whether the whole message goes out at once. */
  public boolean isWhole() {
    return stallAfter >= bytes.length;
  }

  public static RawMessage of(byte[] bytes) {
    return new RawMessage(bytes, bytes.length, null);
  }

  public static RawMessage render(ResolvedRequest request, WireRequests wires) {
    byte[] bytes = bytes(request, wires);
    ResolvedWire w = request.wire();
    // A negative stallAfter counts from the end: all but the last bytes (of a body, say).
    int stall = w == null || w.stallAfter() == null ? bytes.length
        : Math.min(Math.max(0, w.stallAfter() < 0 ? bytes.length + w.stallAfter() : w.stallAfter()), bytes.length);
    return new RawMessage(bytes, stall, w == null ? null : w.trickleMs());
  }

  /** The request's bytes, without pacing; used for a request inside or behind another one too. */
  static byte[] bytes(ResolvedRequest request, WireRequests wires) {
    ResolvedWire w = request.wire();
    if (w != null && w.bytes() != null) {
      return latin1(w.bytes());
    }
    String host = w == null || w.host() == null ? wires.host() : w.host();
    WireRequest signed = (host.equals(wires.host()) ? wires : wires.withHost(host)).build(request);
    List<String> omit = w == null ? List.of() : w.omit().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    List<Map.Entry<String, String>> extra = w == null ? List.of() : w.headers();

    byte[] then = w == null || w.then() == null ? new byte[0] : bytes(w.then(), wires);
    byte[] body;
    boolean thenInside = false;
    if (w != null && w.body() != null) {
      byte[] form = signed.body();
      String text = w.body()
          .replace(WireTemplate.FORM_HEX_LENGTH, Integer.toHexString(form.length))
          .replace(WireTemplate.FORM, new String(form, StandardCharsets.ISO_8859_1));
      thenInside = text.contains(io.tmkit.conformance.cases.WireTemplate.THEN);
      body = thenInside ? splice(text, then) : latin1(text);
    } else {
      body = signed.body();
    }

    String target = w == null || w.target() == null ? signed.pathAndQuery() : w.target();
    String version = w == null || w.version() == null ? "HTTP/1.1" : w.version();
    StringBuilder head = new StringBuilder(request.method()).append(' ').append(target);
    if (!version.isEmpty()) {
      head.append(' ').append(version);
    }
    head.append("\r\n");
    if (!omit.contains("host")) {
      head.append("Host: ").append(host).append("\r\n");
    }
    signed.headers().forEach((name, value) -> {
      if (!name.equalsIgnoreCase("Host") && !omit.contains(name.toLowerCase(Locale.ROOT))) {
        head.append(name).append(": ").append(value).append("\r\n");
      }
    });
    boolean framed = extra.stream().anyMatch(h -> h.getKey().equalsIgnoreCase("Content-Length")
        || h.getKey().equalsIgnoreCase("Transfer-Encoding"));
    if (body.length > 0 && !framed && !omit.contains("content-length")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    for (Map.Entry<String, String> h : extra) {
      String value = h.getValue().replace(io.tmkit.conformance.cases.WireTemplate.LENGTH, String.valueOf(body.length));
      head.append(h.getKey()).append(h.getKey().isEmpty() && value.isEmpty() ? "" : ": ").append(value).append("\r\n");
    }
    head.append("\r\n");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(latin1(head.toString()));
    out.writeBytes(body);
    if (!thenInside) {
      out.writeBytes(then);
    }
    return out.toByteArray();
  }

  private static byte[] splice(String text, byte[] then) {
    int at = text.indexOf(io.tmkit.conformance.cases.WireTemplate.THEN);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(latin1(text.substring(0, at)));
    out.writeBytes(then);
    out.writeBytes(latin1(text.substring(at + io.tmkit.conformance.cases.WireTemplate.THEN.length())));
    return out.toByteArray();
  }

  /** Wire text is bytes: one character (up to U+00FF, as the case loader checks) is one byte. */
  static byte[] latin1(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
