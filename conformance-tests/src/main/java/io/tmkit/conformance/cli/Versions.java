package io.tmkit.conformance.cli;

import io.tmkit.contract.Contract;
import picocli.CommandLine;

/** {@code --version}: the runner's version (its jar's manifest) and the contract's it was built with. */
public final class Versions implements CommandLine.IVersionProvider {
  /** The runner's version: {@code Implementation-Version} of tm-conformance.jar, or a development build. */
  static String runner() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "(development build, not run from tm-conformance.jar)" : v;
  }

  static String contract() {
    Contract c = Contract.bundled();
    return "contract " + c.version() + " (openapi.yaml info.version; " + c.operationId() + ", Version "
        + c.onlyValueOf("Version") + ")";
  }

  @Override
  public String[] getVersion() {
    return new String[] {"tm-conformance " + runner(), contract()};
  }
}
