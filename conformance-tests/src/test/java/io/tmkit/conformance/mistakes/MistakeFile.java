package io.tmkit.conformance.mistakes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One tool's file of user mistakes, {@code user-mistakes/<tool>.yaml}: the commands a user may get
 * wrong and the answer each must get (exit code, a line that says what is wrong, no stack trace).
 * Unknown keys are refused, so that a misspelt {@code stderr:} cannot silently check nothing.
 */
public record MistakeFile(String tool, List<Mistake> mistakes) {
  public static final Set<String> TOOLS = Set.of("server", "cli", "runner");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  public MistakeFile {
    mistakes = mistakes == null ? List.of() : List.copyOf(mistakes);
  }

  /** One wrong command and what it must answer. */
  public record Mistake(String name, String why, List<String> args, Map<String, String> env, String stdin,
      Integer exit, String stderr, Integer lines) {
    /** At most this many non-empty lines of standard error when the row does not say. */
    public static final int DEFAULT_LINES = 2;

    public Mistake {
      args = args == null ? null : List.copyOf(args);
      env = env == null ? Map.of() : Map.copyOf(env);
      lines = lines == null ? DEFAULT_LINES : lines;
    }
  }

  /** Reads and checks a file: its tool is the file's name, every row has a unique name, why, args and exit. */
  public static MistakeFile read(Path file) {
    MistakeFile read;
    try {
      read = YAML.readValue(file.toFile(), MistakeFile.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    require(TOOLS.contains(read.tool()), file, "tool must be one of " + TOOLS + ", not " + read.tool());
    require(read.tool().equals(name), file, "tool " + read.tool() + " in a file named " + file.getFileName());
    Set<String> names = new HashSet<>();
    for (Mistake m : read.mistakes()) {
      require(m.name() != null && !m.name().isBlank(), file, "a mistake has no name");
      require(names.add(m.name()), file, "mistake " + m.name() + " is listed twice");
      require(m.why() != null && !m.why().isBlank(), file, m.name() + " has no why");
      require(m.args() != null, file, m.name() + " has no args");
      require(m.exit() != null, file, m.name() + " has no exit");
      require(m.lines() > 0, file, m.name() + ": lines must be positive");
    }
    return read;
  }

  private static void require(boolean condition, Path file, String problem) {
    if (!condition) {
      throw new IllegalArgumentException(file + ": " + problem);
    }
  }
}
