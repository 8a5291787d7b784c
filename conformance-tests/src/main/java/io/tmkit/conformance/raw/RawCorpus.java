package io.tmkit.conformance.raw;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Generated variants of one request, each malformed in one place: the request line (methods, every
 * byte at three places of the target, versions, separators) or the header block (every byte in the
 * Host value and in a header's name and value, framing headers, folded and broken lines, sizes). The
 * variants are fixed, not random, so that a failure names an input that fails again. Every variant is
 * a complete head: a server that waits for more is hanging, not being patient with a slow client.
 */
public final class RawCorpus {
  /** One variant: what was changed, and the bytes. */
  public record Entry(String label, byte[] bytes) {}

  public static final List<String> NAMES = List.of("request-lines", "headers");

  private RawCorpus() {}

  public static Optional<List<Entry>> named(String name, byte[] request) {
    Parts p = Parts.of(request);
    return switch (name) {
      case "request-lines" -> Optional.of(requestLines(p));
      case "headers" -> Optional.of(headers(p));
      default -> Optional.empty();
    };
  }

  private static List<Entry> requestLines(Parts p) {
    List<Entry> out = new ArrayList<>();
    for (String method : List.of("get", "Get", "GEt", "GETT", "GE", "G\u0000T", "G\tET", "\u00c4GET", "GET:", "GET/",
        "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PRI", "MKCOL", "PROPFIND", "LINK",
        "UNLINK", "M-SEARCH", "BREW", "X".repeat(64), "X".repeat(5000), "1", "-", "*", "GET GET")) {
      out.add(entry("method " + method, method + " " + p.target + " " + p.version, p));
    }
    String target = p.target;
    int query = Math.max(0, target.indexOf('?') + 1);
    int middle = target.length() / 2;
    for (int b = 0; b < 256; b++) {
      if (b == '\r' || b == '\n') {
        continue; // a line break ends the line: the variant would be another request, not a bad target
      }
      String c = String.valueOf((char) b);
      for (int at : new int[] {query, middle, target.length()}) {
        out.add(entry(String.format("target byte %02X at %d", b, at),
            p.method + " " + target.substring(0, at) + c + target.substring(at) + " " + p.version, p));
      }
    }
    for (String t : List.of("*", "/", "//", "/%", "/%zz", "/?%", "/?%%", "/?&&&", "/?=", "/?==", "/#", "/?#x", "#",
        "?", "x", "/x/../", "/./", "/%2e%2e/", "http://127.0.0.1/", "http://127.0.0.1" + target, "//127.0.0.1" + target,
        "https://example.invalid" + target, "ftp://x/", "127.0.0.1:80", "/" + "a".repeat(9000),
        target + "&" + "a".repeat(140_000))) {
      out.add(entry("target " + RawConnection.abbreviate(t), p.method + " " + t + " " + p.version, p));
    }
    for (String v : List.of("HTTP/1.0", "HTTP/1.2", "HTTP/1.9", "HTTP/2.0", "HTTP/2", "HTTP/3", "HTTP/0.9", "HTTP/9.9",
        "http/1.1", "Http/1.1", "HTTP/1.1x", "HTTP/11", "HTTP/1.", "HTTP/", "HTTP", "HTTPS/1.1", "HTTP/1.1\u0000",
        "HTTP/01.1", "HTTP/1.01", "HTTP/-1.1", "HTTP/1.1 HTTP/1.1", "ICE/1.0", "RTSP/1.0", "HTTP/1.1\t")) {
      out.add(entry("version " + RawConnection.abbreviate(v), p.method + " " + p.target + " " + v, p));
    }
    for (String[] sep : new String[][] {{"  ", " "}, {" ", "  "}, {"\t", " "}, {" ", "\t"}, {"\u0000", " "},
        {" ", "\u0000"}, {"\u000b", " "}, {"\u000c", " "}}) {
      out.add(entry("separators " + RawConnection.abbreviate(sep[0] + "|" + sep[1]),
          p.method + sep[0] + p.target + sep[1] + p.version, p));
    }
    out.add(entry("leading space", " " + p.line(), p));
    out.add(entry("trailing space", p.line() + " ", p));
    out.add(entry("leading empty line", "\r\n" + p.line(), p));
    return out;
  }

  private static List<Entry> headers(Parts p) {
    List<Entry> out = new ArrayList<>();
    String host = p.header("Host");
    for (int b = 0; b < 256; b++) {
      if (b == '\r' || b == '\n') {
        continue;
      }
      String c = String.valueOf((char) b);
      out.add(withHeaders("Host byte " + String.format("%02X", b) + " first", p, p.replace("Host", c + host)));
      out.add(withHeaders("Host byte " + String.format("%02X", b) + " last", p, p.replace("Host", host + c)));
      out.add(withHeaders("header name byte " + String.format("%02X", b), p, p.add("X-T" + c + "t: v")));
      out.add(withHeaders("header value byte " + String.format("%02X", b), p, p.add("X-Test: a" + c + "b")));
    }
    List<String> lines = List.of(
        "Content-Length: -1", "Content-Length: +0", "Content-Length: 0x0", "Content-Length: 1e0",
        "Content-Length: 99999999999999999999", "Content-Length: 0, 0", "Content-Length: 0,1", "Content-Length:",
        "Content-Length: abc", "Content-Length: 0\r\nContent-Length: 1", "Content-Length: 0\r\nContent-Length: 0",
        "Transfer-Encoding: chunked, identity", "Transfer-Encoding: identity", "Transfer-Encoding: gzip",
        "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked", "Transfer-Encoding: xchunked",
        "Transfer-Encoding: chunked\r\nContent-Length: 0", "Transfer-Encoding: \u000bchunked", "Transfer-Encoding:",
        "Expect: 100-continue", "Expect: 999-nothing", "Upgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA",
        "Upgrade: websocket\r\nConnection: Upgrade", "Connection: close, keep-alive", "Connection: \u0000",
        "X-Fold: a\r\n b", "X-Fold: a\r\n\tb", " X-Leading-Space: v", "\tX-Leading-Tab: v", "X-No-Colon",
        ": no-name", "X-Space-Before-Colon : v", "X-Test:\u0000", "X-Date: 19700101T000000Z",
        "Authorization: " + "A".repeat(10_000), "X-Big: " + "b".repeat(70_000),
        "Host: second.invalid", "Host:", "Content-Type: application/json", "Content-Type: \u00ff/\u00ff",
        "X-Many: " + "v\r\nX-Many: ".repeat(300) + "v");
    for (String line : lines) {
      out.add(withHeaders("header " + RawConnection.abbreviate(line), p, p.add(line)));
    }
    out.add(withHeaders("no Host", p, p.remove("Host")));
    return out;
  }

  private static Entry entry(String label, String line, Parts p) {
    return new Entry(label, concat(line + "\r\n" + p.headerBlock + "\r\n", p.body));
  }

  private static Entry withHeaders(String label, Parts p, String headerBlock) {
    return new Entry(label, concat(p.line() + "\r\n" + headerBlock + "\r\n", p.body));
  }

  private static byte[] concat(String head, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** A request split into method, target, version, the header block (each line ending in CRLF) and body. */
  private record Parts(String method, String target, String version, String headerBlock, byte[] body) {
    static Parts of(byte[] request) {
      String text = new String(request, StandardCharsets.ISO_8859_1);
      int endOfHead = text.indexOf("\r\n\r\n");
      String head = endOfHead < 0 ? text : text.substring(0, endOfHead + 2);
      byte[] body = endOfHead < 0 ? new byte[0] : text.substring(endOfHead + 4).getBytes(StandardCharsets.ISO_8859_1);
      int eol = head.indexOf("\r\n");
      String[] line = head.substring(0, eol).split(" ", 3);
      return new Parts(line[0], line[1], line.length > 2 ? line[2] : "", head.substring(eol + 2), body);
    }

    String line() {
      return method + " " + target + " " + version;
    }

    String header(String name) {
      for (String l : headerBlock.split("\r\n")) {
        if (l.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
          return l.substring(name.length() + 1).trim();
        }
      }
      return "";
    }

    String replace(String name, String value) {
      StringBuilder out = new StringBuilder();
      for (String l : headerBlock.split("\r\n")) {
        out.append(l.regionMatches(true, 0, name + ":", 0, name.length() + 1) ? name + ": " + value : l).append("\r\n");
      }
      return out.toString();
    }

    String remove(String name) {
      StringBuilder out = new StringBuilder();
      for (String l : headerBlock.split("\r\n")) {
        if (!l.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
          out.append(l).append("\r\n");
        }
      }
      return out.toString();
    }

    String add(String lines) {
      return headerBlock + lines + "\r\n";
    }
  }
}
