package io.tmkit.server.store;

import io.tmkit.server.domain.SessionStore.Stored;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The invariants of the rows a data directory holds, checked when it is opened. The table has no
 * unique keys (schema version 2: they made every insert update up to four B-trees), so nothing in
 * SQLite refuses a second row with an account's ID, priority or ClientToken; the server never writes
 * one (each create's checks run under its account's lock), and a row written by something else is
 * found here, before the server serves anything from it.
 */
final class StoredRows {
  private StoredRows() {}

  /** What an account may hold once: one session per ID, per priority and per ClientToken. */
  private record Once(String accountId, String what) {}

  /** {@code rows}, if no account has an ID, a priority or a ClientToken twice; else an IllegalArgumentException naming both. */
  static List<Stored> check(List<Stored> rows, String where) {
    Map<Once, String> seen = new HashMap<>();
    for (Stored row : rows) {
      twice(seen, row, "ID " + row.session().trafficMirrorSessionId(), where);
      twice(seen, row, "priority " + row.session().priority(), where);
      if (row.session().clientToken() != null) {
        twice(seen, row, "ClientToken " + row.session().clientToken(), where);
      }
    }
    return rows;
  }

  private static void twice(Map<Once, String> seen, Stored row, String what, String where) {
    String id = row.session().trafficMirrorSessionId();
    String first = seen.putIfAbsent(new Once(row.accountId(), what), id);
    if (first != null) {
      String which = first.equals(id) ? "" : " (" + first + " and " + id + ")";
      throw new IllegalArgumentException(where + " holds two sessions of account " + row.accountId() + " with "
          + what + which + "; the server never writes that: was tmkit.db changed from outside?");
    }
  }
}
