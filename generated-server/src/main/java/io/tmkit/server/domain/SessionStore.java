package io.tmkit.server.domain;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the sessions created through the API and their ClientTokens are kept beyond the life of the
 * process. The in-memory indexes ({@link SessionIndex}, {@link ClientTokenLedger}) stay the fast path
 * that every check reads; a store only makes each create durable and hands everything back at start.
 * Two implementations: {@link #inMemory()} (nothing outlives the process) and the SQLite adapter of
 * {@code --data DIR} ({@code io.tmkit.server.store.SqliteSessionStore}).
 */
public interface SessionStore extends AutoCloseable {
  /**
   * A session created through the API, with the account it belongs to and, when it was created with
   * a ClientToken, the request the ledger compares retries with (without the token; null otherwise).
   */
  record Stored(String accountId, TrafficMirrorSession session, CreateSessionRequest request) {}

  /** Everything stored, in creation order (read once, at start). */
  List<Stored> restore();

  /**
   * Makes a create durable. The future completes once it is (for SQLite: once the transaction that
   * holds it has committed), exceptionally if it cannot be. {@code generation} is the world's (see
   * {@link #clear}): a create of a world that a reset or load has replaced is not written.
   */
  CompletableFuture<Void> save(long generation, Stored created);

  /**
   * Forgets every stored session and token (admin reset and load), after the saves queued before it;
   * saves of an older generation that arrive later are dropped. Returns once that is durable.
   */
  void clear(long generation);

  /** For the ready line: where the state is kept. */
  String describe();

  /** Writes what is queued, then releases the store. */
  @Override
  void close();

  /** No store: the state lives and dies with the process (the server without {@code --data}). */
  static SessionStore inMemory() {
    return InMemoryOnly.INSTANCE;
  }

  /** The store of a server without a data directory: every save is "durable" at once, nothing is kept. */
  final class InMemoryOnly implements SessionStore {
    private static final InMemoryOnly INSTANCE = new InMemoryOnly();
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private InMemoryOnly() {}

    @Override
    public List<Stored> restore() {
      return List.of();
    }

    @Override
    public CompletableFuture<Void> save(long generation, Stored created) {
      return DONE;
    }

    @Override
    public void clear(long generation) {}

    @Override
    public String describe() {
      return "in memory, lost when the server stops";
    }

    @Override
    public void close() {}
  }
}
