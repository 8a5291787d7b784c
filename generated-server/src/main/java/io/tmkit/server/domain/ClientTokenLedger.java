package io.tmkit.server.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ClientToken ledger of one account (tokens are scoped to the account). A token is in flight from
 * the moment a request with it passes the idempotency stage until that request ends; it is recorded
 * only when the request created a session, and kept for the life of the server. Guarded by the
 * owning account's lock.
 */
final class ClientTokenLedger {
  sealed interface Entry permits InFlight, Recorded {
    CreateSessionRequest request();
  }

  record InFlight(CreateSessionRequest request) implements Entry {}

  record Recorded(CreateSessionRequest request, String trafficMirrorSessionId) implements Entry {}

  private final Map<String, Entry> entries = new HashMap<>();

  Optional<Entry> find(String token) {
    return Optional.ofNullable(entries.get(token));
  }

  void begin(String token, CreateSessionRequest request) {
    entries.put(token, new InFlight(request));
  }

  void record(String token, CreateSessionRequest request, String sessionId) {
    entries.put(token, new Recorded(request, sessionId));
  }

  /** A request that failed records nothing, so that it can be retried with the same token. */
  void abandon(String token) {
    if (entries.get(token) instanceof InFlight) {
      entries.remove(token);
    }
  }
}
