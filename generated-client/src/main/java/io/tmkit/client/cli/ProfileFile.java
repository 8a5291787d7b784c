package io.tmkit.client.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Volcengine CLI's configuration file ({@code ~/.volcengine/config.json}, written by
 * {@code ve configure set}): {@code {"current": NAME, "profiles": {NAME: {"access-key", "secret-key",
 * "session-token", "region", "endpoint", "disable-ssl", "mode", …}}}}. Read only; fields this CLI does
 * not use (SSO sessions, colour, …) are ignored. Every fault is a {@link UsageError} naming the file.
 */
final class ProfileFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final JsonNode root;

  private ProfileFile(Path file, JsonNode root) {
    this.file = file;
    this.root = root;
  }

  /** The file, read and parsed; a missing, unreadable or malformed file is a usage error. */
  static ProfileFile read(Path file, String source) {
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) {
        throw new UsageError(source + " " + file + " is a directory, not a profile file", fixHint());
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UsageError(source + " " + file + " does not exist", fixHint());
    } catch (AccessDeniedException e) {
      throw new UsageError(source + " " + file + " cannot be read (permission denied)", fixHint());
    } catch (IOException e) {
      throw new UsageError(source + " " + file + " cannot be read: " + e.getMessage(), fixHint());
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new UsageError(file + where + ": not JSON: " + firstLine(e.getOriginalMessage()), fixHint());
    } catch (IOException e) {
      throw new UsageError(file + ": cannot be read: " + e.getMessage(), fixHint());
    }
    if (root == null || root.isMissingNode()) {
      throw new UsageError(file + ": empty; a profile file is a JSON object with \"profiles\"", fixHint());
    }
    if (!root.isObject()) {
      throw new UsageError(file + ": a profile file is a JSON object with \"profiles\", not " + kind(root), fixHint());
    }
    JsonNode profiles = root.get("profiles");
    if (profiles != null && !profiles.isNull() && !profiles.isObject()) {
      throw new UsageError(file + ": \"profiles\" must be an object of named profiles, not " + kind(profiles), fixHint());
    }
    JsonNode current = root.get("current");
    if (current != null && !current.isNull() && !current.isTextual()) {
      throw new UsageError(file + ": \"current\" must be a profile name (a string), not " + kind(current), fixHint());
    }
    return new ProfileFile(file, root);
  }

  Path file() {
    return file;
  }

  List<String> names() {
    List<String> out = new ArrayList<>();
    JsonNode profiles = root.path("profiles");
    for (Iterator<String> it = profiles.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  /** The file's {@code current} profile name, if it names one. */
  Optional<String> current() {
    String current = root.path("current").asText("");
    return current.isBlank() ? Optional.empty() : Optional.of(current);
  }

  boolean has(String name) {
    return root.path("profiles").has(name);
  }

  /** One profile, its fields checked for type; a missing name is a usage error listing the names. */
  Profile profile(String name, String why) {
    JsonNode p = root.path("profiles").get(name);
    if (p == null || p.isNull()) {
      throw new UsageError("profile '" + name + "' (" + why + ") is not in " + file
          + (names().isEmpty() ? " (it has no profiles)" : " (it has: " + String.join(", ", names()) + ")"),
          "create it with: ve configure set --profile " + name + " …, or name another with --profile");
    }
    if (!p.isObject()) {
      throw new UsageError(file + ": profile '" + name + "' must be an object, not " + kind(p), fixHint());
    }
    String mode = text(p, name, "mode");
    if (mode != null && !mode.isBlank()) {
      String m = mode.toLowerCase(Locale.ROOT);
      if (!m.equals("ak") && !m.equals("ststoken")) {
        throw new UsageError("profile '" + name + "' in " + file + " has mode '" + mode
            + "'; this CLI signs only with a profile's own keys (mode ak or ststoken)",
            "use an ak profile, or give --access-key/--secret-key (or VOLCENGINE_ACCESS_KEY/VOLCENGINE_SECRET_KEY)");
      }
    }
    JsonNode ssl = p.get("disable-ssl");
    if (ssl != null && !ssl.isNull() && !ssl.isBoolean()) {
      throw new UsageError(file + ": profile '" + name + "': \"disable-ssl\" must be true or false, not " + kind(ssl), fixHint());
    }
    return new Profile(name, file,
        text(p, name, "access-key"), text(p, name, "secret-key"), text(p, name, "session-token"),
        text(p, name, "region"), text(p, name, "endpoint"), ssl != null && ssl.asBoolean(false));
  }

  private String text(JsonNode profile, String name, String field) {
    JsonNode v = profile.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new UsageError(file + ": profile '" + name + "': \"" + field + "\" must be a string, not " + kind(v), fixHint());
    }
    return v.asText().isBlank() ? null : v.asText();
  }

  private static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case ARRAY -> "an array";
      case BOOLEAN -> "a boolean";
      case NUMBER -> "a number";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NULL -> "null";
      default -> n.getNodeType().toString().toLowerCase(Locale.ROOT);
    };
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    // Jackson's "(start marker at [Source: …; line: 1, column: 14])" repeats what file:line:column says.
    return line.replaceAll("\\s*\\(start marker at \\[Source:.*$", "").trim();
  }

  private static String fixHint() {
    return "fix the file (format: ve configure set writes it) or point --config-file or "
        + Settings.ENV_CONFIG_FILE + " at another";
  }

  /** The fields of one ak profile that the CLI uses; null where the profile says nothing. */
  record Profile(String name, Path file, String accessKey, String secretKey, String sessionToken,
      String region, String endpoint, boolean disableSsl) {
    String source(String field) {
      return "profile '" + name + "' (" + field + " in " + file + ")";
    }
  }
}
