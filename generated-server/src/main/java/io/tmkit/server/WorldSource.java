package io.tmkit.server;

import io.tmkit.server.world.DocumentSchema;
import io.tmkit.server.world.SpecReader;
import io.tmkit.server.world.WorldSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Where a world comes from: the embedded demo, a file (JSON or YAML), a string, or a ready spec. */
public final class WorldSource {
  static final String DEMO_RESOURCE = "io/tmkit/server/demo-world.json";

  private final String label;
  private final Supplier<WorldSpec> reader;

  private WorldSource(String label, Supplier<WorldSpec> reader) {
    this.label = label;
    this.reader = reader;
  }

  /** The embedded demo world (README lists its IDs and what each one triggers). */
  public static WorldSource demo() {
    // Bound without the schema check: the embedded file cannot change after the build, whose
    // WorldSchemaTest validates it, and loading the validator costs about a second of start-up.
    return new WorldSource("demo world", () -> SpecReader.read(resource(DEMO_RESOURCE), WorldSpec.class, "demo world"));
  }

  public static WorldSource file(Path path) {
    return new WorldSource(path.toString(), () -> {
      try {
        return parse(Files.readAllBytes(path), path.toString());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read world file " + path + ": " + reason(e), e);
      }
    });
  }

  /** A world document as text (JSON or YAML). */
  public static WorldSource json(String document) {
    return new WorldSource("inline world", () -> parse(document.getBytes(StandardCharsets.UTF_8), "inline world"));
  }

  public static WorldSource of(WorldSpec spec) {
    return new WorldSource("world spec", () -> spec);
  }

  public WorldSpec read() {
    return reader.get();
  }

  @Override
  public String toString() {
    return label;
  }

  /** Held to world.schema.json first: a mistake is reported at its line and column, an unknown enum value too. */
  private static WorldSpec parse(byte[] document, String label) {
    DocumentSchema.world().check(document, label);
    return SpecReader.read(document, WorldSpec.class, label);
  }

  /** What the JDK says of an unreadable file, in words (its messages are often just the path). */
  static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage();
  }

  static byte[] resource(String name) {
    try (InputStream in = WorldSource.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
