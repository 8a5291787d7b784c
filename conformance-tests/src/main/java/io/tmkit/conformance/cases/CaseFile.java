package io.tmkit.conformance.cases;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The text of one case file and the name it is reported under. */
public record CaseFile(String name, String text) {

  public static CaseFile of(Path path) {
    try {
      return new CaseFile(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static CaseFile resource(String resource) {
    try (InputStream in = CaseFile.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path");
      }
      String name = resource.substring(resource.lastIndexOf('/') + 1);
      return new CaseFile(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The family a file holds: its name without {@code .yaml}. */
  public String family() {
    return name.endsWith(".yaml") ? name.substring(0, name.length() - 5) : name;
  }
}
