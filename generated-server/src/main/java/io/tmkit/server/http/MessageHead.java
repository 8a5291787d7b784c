package io.tmkit.server.http;

import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.grizzly.http.util.MimeHeaders;

/**
 * The head of a request, judged by RFC 9112 before anything of the request runs: the version, the
 * Host header, and the framing of the body. A head whose body length two parties could read
 * differently (both Transfer-Encoding and Content-Length, a coding after {@code chunked}, two
 * Content-Lengths, obsolete line folding) is refused, and its connection closed, rather than
 * guessed at: a guess is how a second, hidden request gets executed. Each check is a loop over
 * the few headers it concerns; nothing here allocates for an ordinary request but the Host text.
 */
final class MessageHead {
  /** The reason a head is refused, or null when it is usable. For the log and for tests. */
  enum Fault {
    VERSION("only HTTP/1.0 and HTTP/1.1 are served"),
    HOST("Host missing, repeated or not a valid host[:port]"),
    CONTENT_LENGTH("Content-Length repeated or not a number"),
    TRANSFER_ENCODING("Transfer-Encoding other than exactly chunked, or with Content-Length, or on HTTP/1.0"),
    FOLDED_HEADER("obsolete line folding or a control character in a header"),
    FIELD_NAME("a header line without a colon, or a field name that is not a token"),
    CONNECT("CONNECT is not served");

    final String reason;

    Fault(String reason) {
      this.reason = reason;
    }
  }

  private MessageHead() {}

  /**
   * {@code contentLengthLines}: the Content-Length field lines in the head's bytes (Grizzly drops a
   * parsed Content-Length when {@code Transfer-Encoding: chunked} follows it).
   */
  static Fault check(HttpRequestPacket request, int contentLengthLines) {
    if (request.getMethod() == Method.CONNECT) {
      return Fault.CONNECT;
    }
    Protocol protocol;
    try {
      protocol = request.getProtocol();
    } catch (RuntimeException unknownVersion) {
      return Fault.VERSION;
    }
    if (protocol != Protocol.HTTP_1_1 && protocol != Protocol.HTTP_1_0) {
      return Fault.VERSION;
    }
    MimeHeaders headers = request.getHeaders();
    int hosts = 0;
    int lengths = 0;
    int encodings = 0;
    for (int i = 0; i < headers.size(); i++) {
      DataChunk name = headers.getName(i);
      DataChunk value = headers.getValue(i);
      if (!printable(value)) {
        return Fault.FOLDED_HEADER;
      }
      if (name.equalsIgnoreCase("host")) {
        hosts++;
        if (!validHost(value.toString())) {
          return Fault.HOST;
        }
      } else if (name.equalsIgnoreCase("content-length")) {
        lengths++;
        if (!digits(value.toString().trim())) {
          return Fault.CONTENT_LENGTH;
        }
      } else if (name.equalsIgnoreCase("transfer-encoding")) {
        encodings++;
        if (!value.toString().trim().equalsIgnoreCase("chunked")) {
          return Fault.TRANSFER_ENCODING;
        }
      }
    }
    if (hosts > 1 || (hosts == 0 && protocol == Protocol.HTTP_1_1)) {
      return Fault.HOST;
    }
    lengths = Math.max(lengths, contentLengthLines);
    if (lengths > 1) {
      return Fault.CONTENT_LENGTH;
    }
    if (encodings > 1 || (encodings == 1 && (lengths > 0 || protocol == Protocol.HTTP_1_0))) {
      return Fault.TRANSFER_ENCODING;
    }
    return null;
  }

  /**
   * Whether no request may follow this one on its connection: it asks to close it, or is HTTP/1.0
   * without keep-alive (RFC 9112 section 9.3).
   */
  static boolean endsConnection(HttpRequestPacket request) {
    String connection = request.getHeader("Connection");
    boolean close = connection != null && hasToken(connection, "close");
    if (request.getProtocol() == Protocol.HTTP_1_0) {
      return close || connection == null || !hasToken(connection, "keep-alive");
    }
    return close;
  }

  private static boolean hasToken(String list, String token) {
    for (String part : list.split(",")) {
      if (part.trim().equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }

  /** A byte of a token (RFC 9110 section 5.6.2), the only bytes a field name may have. */
  static boolean tokenChar(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || (c > ' ' && c < 0x7f && "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
  }

  /** A field value of visible ASCII, space and tab (RFC 9110 section 5.5; obs-text is not accepted either). */
  private static boolean printable(DataChunk value) {
    String s = value.toString();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t') || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static boolean digits(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code uri-host [":" port]} (RFC 9110 section 7.2, RFC 3986 section 3.2.2): a bracketed IPv6
   * literal or a non-empty reg-name of unreserved characters, sub-delimiters and percent-escapes,
   * then optionally a colon and at most five digits. An http URI may not have an empty host (RFC
   * 9110 section 4.2.1).
   */
  static boolean validHost(String value) {
    String v = value.trim();
    int end;
    if (v.startsWith("[")) {
      end = v.indexOf(']');
      if (end < 2) {
        return false;
      }
      for (int i = 1; i < end; i++) {
        char c = v.charAt(i);
        if (!(Character.digit(c, 16) >= 0 && c < 0x80) && c != ':' && c != '.') {
          return false;
        }
      }
      end++;
    } else {
      end = v.indexOf(':');
      if (end < 0) {
        end = v.length();
      }
      if (end == 0) {
        return false;
      }
      for (int i = 0; i < end; i++) {
        char c = v.charAt(i);
        if (c == '%') {
          if (i + 2 >= end || Character.digit(v.charAt(i + 1), 16) < 0 || Character.digit(v.charAt(i + 2), 16) < 0
              || v.charAt(i + 1) >= 0x80 || v.charAt(i + 2) >= 0x80) {
            return false;
          }
          i += 2;
        } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || "-._~!$&'()*+,;=".indexOf(c) >= 0)) {
          return false;
        }
      }
    }
    if (end == v.length()) {
      return true;
    }
    if (v.charAt(end) != ':') {
      return false;
    }
    String port = v.substring(end + 1);
    return port.isEmpty() || (port.length() <= 5 && digits(port));
  }
}
