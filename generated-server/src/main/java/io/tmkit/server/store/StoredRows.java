package io.tmkit.server.store;

import io.tmkit.server.domain.SessionStore.Stored;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The invariants of the rows a data directory holds, checked when it is opened. The table has no
 * unique keys (schema version 2: they made every insert update four B-trees), so nothing in SQLite refuses a
 * second row with an account's ID, priority or ClientToken; the server never writes one (each create's
 * checks run under its account's lock), and a row written by something else is found here, before the
 * server serves anything from it.
 */
final class StoredRows {
  private StoredRows() {}

  /** {@code rows}, if no account has an ID, a priority or a ClientToken twice; else an IllegalArgumentException naming both. */
  static List<Stored> check(List<Stored> rows, String where) {
    Map<String, String> seen = new HashMap<>();
    for (Stored row : rows) {
      String id = row.session().trafficMirrorSessionId();
      twice(seen, row.accountId() + " id " + id, id, "ID " + id, row, where);
      twice(seen, row.accountId() + " priority " + row.session().priority(), id,
          "priority " + row.session().priority(), row, where);
      if (row.session().clientToken() != null) {
        twice(seen, row.accountId() + " token " + row.session().clientToken(), id,
            "ClientToken " + row.session().clientToken(), row, where);
      }
    }
    return rows;
  }

  private static void twice(Map<String, String> seen, String key, String id, String what, Stored row, String where) {
    String first = seen.putIfAbsent(key, id);
    if (first != null) {
      String which = first.equals(id) ? "" : " (" + first + " and " + id + ")";
      throw new IllegalArgumentException(where + " holds two sessions of account " + row.accountId() + " with "
          + what + which + "; the server never writes that: was tmkit.db changed from outside?");
    }
  }
}
