package io.tmkit.conformance.cli;

import io.tmkit.conformance.cases.CaseSet;
import io.tmkit.conformance.fixtures.Fixtures;
import io.tmkit.conformance.report.CasesJson;
import io.tmkit.conformance.resolve.Resolver;
import io.tmkit.contract.Contract;
import java.nio.file.Path;

/** Build step: writes the cases resolved for the demo world to the given file ({@code target/cases.json}). */
public final class ExportCases {
  private ExportCases() {}

  public static void main(String[] args) {
    Path out = Path.of(args.length > 0 ? args[0] : "target/cases.json");
    Contract contract = Contract.bundled();
    var json = CasesJson.toJson(CaseSet.bundled(), new Resolver(contract, Fixtures.demo(), "", 0), contract);
    CasesJson.write(json, out);
    System.out.println("exported " + json.size() + " cases to " + out);
  }
}
