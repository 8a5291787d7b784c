package io.tmkit.conformance.mistakes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The three command-line tools as their users run them: {@code java -jar <jar>}. Each jar's path comes
 * from a system property that the failsafe execution sets from the modules' {@code target/} folders;
 * the defaults are the same paths seen from the conformance-tests module.
 */
final class Tools {
  private static final Map<String, String[]> JARS = Map.of(
      "server", new String[] {"tmkit.serverJar", "../generated-server/target/traffic-mirror-server.jar"},
      "cli", new String[] {"tmkit.cliJar", "../generated-client/target/traffic-mirror-cli.jar"},
      "runner", new String[] {"tmkit.runnerJar", "target/tm-conformance.jar"});

  private Tools() {}

  static Path jar(String tool) {
    String[] where = JARS.get(tool);
    if (where == null) {
      throw new IllegalArgumentException("no tool " + tool + "; the tools are " + JARS.keySet());
    }
    Path jar = Path.of(System.getProperty(where[0], where[1])).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist: build the jars first (mvn -B -DskipTests package)");
    }
    return jar;
  }

  /** The command line: this JVM's java, {@code -jar}, the tool's jar, then the arguments. */
  static List<String> command(String tool, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar(tool).toString());
    command.addAll(args);
    return command;
  }
}
