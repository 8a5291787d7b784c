package io.tmkit.server;

import io.tmkit.server.auth.CredentialsFile;
import io.tmkit.server.world.DocumentSchema;
import io.tmkit.server.world.SpecReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Where the access keys come from: the embedded demo pairs, a file, or a string (format of demo-credentials.json). */
public final class CredentialsSource {
  static final String DEMO_RESOURCE = "io/tmkit/server/demo-credentials.json";

  private final Supplier<CredentialsFile> reader;

  private CredentialsSource(Supplier<CredentialsFile> reader) {
    this.reader = reader;
  }

  public static CredentialsSource demo() {
    // Bound without the schema check, as the demo world (WorldSource.demo()).
    return new CredentialsSource(() -> SpecReader.read(WorldSource.resource(DEMO_RESOURCE), CredentialsFile.class, "demo credentials"));
  }

  public static CredentialsSource file(Path path) {
    return new CredentialsSource(() -> {
      try {
        return parse(Files.readAllBytes(path), path.toString());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read credentials file " + path + ": " + WorldSource.reason(e), e);
      }
    });
  }

  public static CredentialsSource json(String document) {
    return new CredentialsSource(() -> parse(document.getBytes(StandardCharsets.UTF_8), "inline credentials"));
  }

  public CredentialsFile read() {
    return reader.get();
  }

  private static CredentialsFile parse(byte[] document, String label) {
    DocumentSchema.credentials().check(document, label);
    return SpecReader.read(document, CredentialsFile.class, label);
  }
}
