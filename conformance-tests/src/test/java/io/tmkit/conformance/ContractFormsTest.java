package io.tmkit.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tmkit.conformance.http.ContractForms;
import org.junit.jupiter.api.Test;

/** The ID forms the suite checks, read from the contract's x-pattern, accept and refuse as stated. */
class ContractFormsTest {
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
