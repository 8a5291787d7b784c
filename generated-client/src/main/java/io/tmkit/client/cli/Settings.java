package io.tmkit.client.cli;

import io.tmkit.client.TrafficMirrorClient;
import io.tmkit.contract.signing.Credentials;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and as whom the CLI calls: endpoint, region and the three credential fields, each resolved on
 * its own in the order the cloud CLIs use — the flag, then the environment variable, then the profile
 * file — and each remembering where it came from (for {@code --debug} and for error messages).
 *
 * <p>The profile file is the Volcengine CLI's ({@code ~/.volcengine/config.json}); which file: the
 * {@code --config-file} flag, then {@value #ENV_CONFIG_FILE}, then {@code $HOME/.volcengine/config.json};
 * which profile: {@code --profile}, then {@value #ENV_PROFILE}, then the file's {@code current}, then
 * {@code default} — the order of volcengine-go-sdk's CLI credential provider. A file or profile named
 * explicitly must exist; the default file may be absent.
 */
final class Settings {
  static final String ENV_ENDPOINT = "VOLCENGINE_ENDPOINT";
  static final String ENV_REGION = "VOLCENGINE_REGION";
  static final String ENV_PROFILE = "VOLCENGINE_PROFILE";
  static final String ENV_CONFIG_FILE = "VOLCENGINE_CLI_CONFIG_FILE";
  static final String ENV_DISABLE_SSL = "VOLCENGINE_DISABLE_SSL";
  static final String DEFAULT = "default";

  /** Region IDs are letters, digits and '-' (cn-beijing, ap-southeast-1); a '/' or space would break the credential scope. */
  private static final Pattern REGION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  /** What the command line gave (null when an option is absent). */
  record Flags(String endpoint, String region, String accessKey, String secretKey, String sessionToken,
      String profile, String configFile) {}

  /** The outcome: every field with its source, and the notes to print (a default that was used). */
  record Resolved(URI endpoint, Setting endpointSetting, Setting region, Setting accessKey, Setting secretKey,
      Setting sessionToken, List<String> notes) {
    Credentials credentials() {
      return new Credentials(accessKey.value(), secretKey.value(), sessionToken.value());
    }
  }

  private final Map<String, String> env;
  private final String defaultEndpoint;

  Settings(Map<String, String> env, String defaultEndpoint) {
    this.env = env;
    this.defaultEndpoint = defaultEndpoint;
  }

  Resolved resolve(Flags flags) {
    Optional<ProfileFile.Profile> profile = profile(flags);
    Setting endpoint = pick(flag(flags.endpoint(), "--endpoint"), env(ENV_ENDPOINT),
        profile.map(p -> new Setting(p.endpoint(), p.source("endpoint"))).orElse(null));
    Setting region = pick(flag(flags.region(), "--region"), env(ENV_REGION),
        profile.map(p -> new Setting(p.region(), p.source("region"))).orElse(null));
    Setting accessKey = pick(flag(flags.accessKey(), "--access-key"), env(TrafficMirrorClient.ENV_ACCESS_KEY),
        profile.map(p -> new Setting(p.accessKey(), p.source("access-key"))).orElse(null));
    Setting secretKey = pick(flag(flags.secretKey(), "--secret-key"), env(TrafficMirrorClient.ENV_SECRET_KEY),
        profile.map(p -> new Setting(p.secretKey(), p.source("secret-key"))).orElse(null));
    Setting sessionToken = pick(flag(flags.sessionToken(), "--session-token"),
        env(TrafficMirrorClient.ENV_SESSION_TOKEN),
        profile.map(p -> new Setting(p.sessionToken(), p.source("session-token"))).orElse(null));

    // No silent production default: when no endpoint is given, the one used is named on stderr, with
    // the region its signature is scoped to (a default region against an endpoint the user chose is
    // said by --debug only, which names every setting's source).
    List<String> notes = new ArrayList<>();
    if (!region.isSet()) {
      region = new Setting(TrafficMirrorClient.DEFAULT_REGION, DEFAULT);
    }
    if (!endpoint.isSet()) {
      endpoint = new Setting(defaultEndpoint, "the contract's first server");
      notes.add("endpoint " + defaultEndpoint + ", the contract's default server (no --endpoint, " + ENV_ENDPOINT
          + " or profile endpoint), region " + region.value() + " (from " + region.source() + ")");
    }
    if (!REGION.matcher(region.value()).matches()) {
      throw new UsageError(region.source() + " '" + region.value() + "' is not a region ID",
          "give one such as cn-beijing (letters, digits and '-')");
    }
    boolean disableSsl = disableSsl(profile);
    URI uri = EndpointText.parse(endpoint.value(), endpoint.source(), disableSsl);

    if (!accessKey.isSet() || !secretKey.isSet()) {
      String missing = !accessKey.isSet() && !secretKey.isSet() ? "no credentials"
          : !accessKey.isSet() ? "no access key (the secret key is from " + secretKey.source() + ")"
          : "no secret key (the access key is from " + accessKey.source() + ")";
      throw new UsageError(missing + ": nothing to sign with",
          "give --access-key and --secret-key, set " + TrafficMirrorClient.ENV_ACCESS_KEY + " and "
              + TrafficMirrorClient.ENV_SECRET_KEY + ", or use a profile (--profile NAME)");
    }
    return new Resolved(uri, endpoint, region, accessKey, secretKey, sessionToken, List.copyOf(notes));
  }

  /** The profile in use, if any: explicit choices must exist, the default file may be absent. */
  private Optional<ProfileFile.Profile> profile(Flags flags) {
    Setting fileSetting = pick(flag(flags.configFile(), "--config-file"), env(ENV_CONFIG_FILE), null);
    Setting nameSetting = pick(flag(flags.profile(), "--profile"), env(ENV_PROFILE), null);
    ProfileFile file;
    if (fileSetting.isSet()) {
      file = ProfileFile.read(Path.of(fileSetting.value()), fileSetting.source());
    } else {
      Optional<Path> home = home().map(h -> h.resolve(".volcengine").resolve("config.json"));
      if (home.isEmpty() || !Files.exists(home.get())) {
        if (nameSetting.isSet()) {
          throw new UsageError("profile '" + nameSetting.value() + "' (" + nameSetting.source() + "): no profile file "
              + home.map(h -> h + " ").orElse("") + "exists",
              "create it with: ve configure set --profile " + nameSetting.value()
                  + " …, or point --config-file or " + ENV_CONFIG_FILE + " at one");
        }
        return Optional.empty();
      }
      file = ProfileFile.read(home.get(), "profile file");
    }
    if (nameSetting.isSet()) {
      return Optional.of(file.profile(nameSetting.value(), "from " + nameSetting.source()));
    }
    if (file.current().isPresent()) {
      return Optional.of(file.profile(file.current().get(), "the file's current profile"));
    }
    if (file.has(DEFAULT)) {
      return Optional.of(file.profile(DEFAULT, "the default profile"));
    }
    return Optional.empty();
  }

  private Optional<Path> home() {
    String home = env.get("HOME");
    return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home));
  }

  private boolean disableSsl(Optional<ProfileFile.Profile> profile) {
    String fromEnv = env.get(ENV_DISABLE_SSL);
    if (fromEnv != null && !fromEnv.isBlank()) {
      if (fromEnv.equalsIgnoreCase("true")) {
        return true;
      }
      if (fromEnv.equalsIgnoreCase("false")) {
        return false;
      }
      throw new UsageError(ENV_DISABLE_SSL + " '" + fromEnv + "' is neither true nor false", "set it to true or false, or unset it");
    }
    return profile.map(ProfileFile.Profile::disableSsl).orElse(false);
  }

  /** A flag given on the command line must say something: an empty one is a mistake, not "unset". */
  private static Setting flag(String value, String name) {
    if (value != null && value.isBlank()) {
      throw new UsageError(name + " is empty");
    }
    return new Setting(value, name);
  }

  /** An environment variable set to blank counts as unset (as the official SDKs read them). */
  private Setting env(String name) {
    String value = env.get(name);
    return new Setting(value == null || value.isBlank() ? null : value, name);
  }

  private static Setting pick(Setting first, Setting second, Setting third) {
    if (first.isSet()) {
      return first;
    }
    if (second.isSet()) {
      return second;
    }
    if (third != null && third.isSet()) {
      return third;
    }
    return new Setting(null, "nowhere");
  }
}
