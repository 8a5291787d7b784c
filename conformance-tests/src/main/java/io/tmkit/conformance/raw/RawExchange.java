package io.tmkit.conformance.raw;

import java.util.List;

/**
 * What happened on one raw connection: the answers read, in order; whether the server closed it and
 * when (milliseconds from the first byte sent; -1 when it did not within the wait); whether the wait
 * ran out with the connection still open; a problem with the bytes that came back (not HTTP, a
 * framing the reader could not follow); whether every byte of the request could be sent.
 */
public record RawExchange(List<RawResponse> answers, long closedAtMs, boolean timedOut, String problem,
    boolean sentAll) {

  public RawExchange {
    answers = List.copyOf(answers);
  }

  public boolean closed() {
    return closedAtMs >= 0;
  }
}
