package io.tmkit.server.world;

import io.tmkit.contract.files.LocatedSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A published JSON Schema that one of the server's own files (world, credentials) is held to before it
 * is bound ({@link LocatedSchema}: a real validator over a tree that knows where every value is), so
 * that a mistake is reported as {@code file:line:column: what is wrong} and not as a binding error.
 * The server names the first problem at its value, and counts the others.
 */
public final class DocumentSchema {
  /** The world file's schema, {@code generated-server/src/main/resources/io/tmkit/server/world.schema.json}. */
  public static final String WORLD_RESOURCE = "io/tmkit/server/world.schema.json";
  public static final String CREDENTIALS_RESOURCE = "io/tmkit/server/credentials.schema.json";

  private static volatile DocumentSchema world;
  private static volatile DocumentSchema credentials;

  private final LocatedSchema schema;

  private DocumentSchema(String resource) {
    this.schema = LocatedSchema.fromResource(DocumentSchema.class, resource);
  }

  public static DocumentSchema world() {
    if (world == null) {
      world = new DocumentSchema(WORLD_RESOURCE);
    }
    return world;
  }

  public static DocumentSchema credentials() {
    if (credentials == null) {
      credentials = new DocumentSchema(CREDENTIALS_RESOURCE);
    }
    return credentials;
  }

  /** The schema's own text, for tests that compare its tables with the contract. */
  public String text() {
    return schema.text();
  }

  /**
   * Refuses a document that is not well-formed or breaks the schema, with one line: the label, the
   * line and column of the first offending value (in document order), what is wrong, and how many
   * more problems there are.
   */
  public void check(byte[] document, String label) {
    List<LocatedSchema.Problem> problems = schema.check(label, new String(document, StandardCharsets.UTF_8));
    if (!problems.isEmpty()) {
      LocatedSchema.Problem first = problems.get(0);
      String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more)";
      throw new IllegalArgumentException(label + ":" + first.line() + ":" + first.column() + ": " + first.located()
          + more + "; see " + schema.fileName());
    }
  }
}
