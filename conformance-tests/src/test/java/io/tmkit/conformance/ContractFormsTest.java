package io.tmkit.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tmkit.conformance.http.ContractForms;
import io.tmkit.contract.Contract;
import org.junit.jupiter.api.Test;

/** The two ID forms the suite checks are the ones the contract's text states. */
class ContractFormsTest {
  private static String collapsed(String s) {
    return s.replaceAll("\\s+", " ");
  }

  @Test
  void theContractStillSaysWhatTheFormsEncode() {
    Contract c = Contract.bundled();
    assertTrue(collapsed(c.root().path("info").path("description").asText()).contains(ContractForms.REQUEST_ID_TEXT));
    assertTrue(collapsed(c.root().path("components").path("schemas").path("CreateTrafficMirrorSessionResult")
        .path("properties").path("TrafficMirrorSessionId").path("description").asText()).contains(ContractForms.SESSION_ID_TEXT));
  }

  @Test
  void theFormsAcceptAndRefuse() {
    assertTrue(ContractForms.isRequestId("2021062415303301022514515207C4AB12"));
    assertFalse(ContractForms.isRequestId("2021062415303301022514515207C4****"));
    assertFalse(ContractForms.isRequestId("2021136415303301022514515207C4AB12"));
    assertFalse(ContractForms.isRequestId("2021062415303301022514515207c4ab12"));
    assertTrue(ContractForms.isSessionId("tms-j6cmls82xnc86vtpe0a1"));
    assertFalse(ContractForms.isSessionId("tms-j6cmls82xnc86vtpe****"));
    assertFalse(ContractForms.isSessionId("tms-J6CMLS82XNC86VTPE0A1"));
  }
}
