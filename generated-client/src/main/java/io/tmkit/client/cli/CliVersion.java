package io.tmkit.client.cli;

import io.tmkit.contract.Contract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the CLI's build version and the contract's {@code info.version} it was built from. */
final class CliVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    Contract contract = Contract.bundled();
    return new String[] {
        "traffic-mirror-cli " + cliVersion(),
        "contract " + contract.version() + " (" + contract.root().path("info").path("title").asText()
            + ", API Version " + contract.onlyValueOf("Version") + ")"};
  }

  static String cliVersion() {
    Properties p = new Properties();
    try (InputStream in = CliVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "unknown");
  }
}
