package io.tmkit.client;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/**
 * Stops a request after it is signed and before a connection is opened, handing it back as a
 * {@link SignedRequest}: the dry run sees what the real transport and signer produce, not a copy of
 * their rules.
 */
@Priority(Priorities.AUTHENTICATION + 200)
final class CaptureFilter implements ClientRequestFilter {
  @Override
  public void filter(ClientRequestContext request) {
    throw new Captured(WireTapFilter.signed(request));
  }

  /** Carries the signed request out of the Jersey pipeline; never a failure. */
  static final class Captured extends RuntimeException {
    private final transient SignedRequest request;

    Captured(SignedRequest request) {
      super("dry run: stopped before sending", null, false, false);
      this.request = request;
    }

    SignedRequest request() {
      return request;
    }
  }
}
