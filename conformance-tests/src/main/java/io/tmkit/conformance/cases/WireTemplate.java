package io.tmkit.conformance.cases;

import java.util.List;

/**
 * How the raw surface puts a case's request on a plain socket, when the bytes matter more than the
 * parameters: the request line's target and version, the Host header (signed as sent, as a client
 * signing what it sends would), headers appended after the signed ones (repeats kept), headers left
 * out, a body instead of the form, a second request on the same connection ({@code then}: pipelined
 * after this one, or inside the body where {@code {{then}}} stands), a slow client ({@code stallAfter}
 * bytes sent, then one more byte every {@code trickleMs} or none), or a generated {@code corpus} of
 * malformed variants. Text is bytes: one character (up to U+00FF) is one byte on the wire.
 *
 * <p>{@code bytes}, when set, is sent exactly and alone (the HTTP/2 preface, say); every other field
 * is null (or empty) when the case does not change it.
 */
public record WireTemplate(
    String version,
    String target,
    String host,
    List<Param> headers,
    List<String> omit,
    String body,
    String bytes,
    RequestTemplate then,
    Integer stallAfter,
    Integer trickleMs,
    String corpus) {

  /** Where the body text or a header value takes the bytes of {@code then}, and the body's length. */
  public static final String THEN = "{{then}}";
  public static final String LENGTH = "{{length}}";
  /** In the body text: the signed form body, and its length in hexadecimal (for a chunk of it). */
  public static final String FORM = "{{form}}";
  public static final String FORM_HEX_LENGTH = "{{form.hexLength}}";

  public WireTemplate {
    headers = headers == null ? List.of() : List.copyOf(headers);
    omit = omit == null ? List.of() : List.copyOf(omit);
  }
}
