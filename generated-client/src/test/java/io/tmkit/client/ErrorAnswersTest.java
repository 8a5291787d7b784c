package io.tmkit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** How answers that are not the contract's reach the caller: as sent, never as a crash. */
class ErrorAnswersTest {
  @Test
  void anUndocumentedCodeIsReportedAsSentWithoutARow() {
    try (LoopbackStub stub = new LoopbackStub().then(400, LoopbackStub.error("Brand.NewCode", "Something new.", "r-9"));
        TrafficMirrorClient client = Fixtures.client(stub.uri()).build()) {
      TrafficMirrorException e = assertThrows(TrafficMirrorException.class,
          () -> client.createTrafficMirrorSession(Fixtures.valid().build()));
      assertEquals(400, e.status());
      assertEquals("Brand.NewCode", e.code());
      assertEquals("Something new.", e.errorMessage());
      assertEquals("r-9", e.requestId());
      assertTrue(e.row().isEmpty());
    }
  }

  @Test
  void aBodyThatIsNotTheEnvelopeKeepsItsStatus() {
    try (LoopbackStub stub = new LoopbackStub().then(404, "<html>not here</html>");
        TrafficMirrorClient client = Fixtures.client(stub.uri()).build()) {
      TrafficMirrorException e = assertThrows(TrafficMirrorException.class,
          () -> client.createTrafficMirrorSession(Fixtures.valid().build()));
      assertEquals(404, e.status());
      assertEquals(null, e.code());
      assertEquals("<html>not here</html>", e.errorMessage());
    }
  }

  @Test
  void errorCodeConstantsAreTheCatalogsCodesInOrder() {
    assertEquals(new ArrayList<>(Fixtures.CONTRACT.errors().codes()), ErrorCode.ALL);
    assertEquals("InvalidParameter.ClientTokenMalformed", ErrorCode.INVALID_PARAMETER_CLIENT_TOKEN_MALFORMED);
  }

  @Test
  void credentialsFromTheEnvironment() {
    assertTrue(TrafficMirrorClient.credentialsFrom(java.util.Map.of()).isEmpty());
    var c = TrafficMirrorClient.credentialsFrom(java.util.Map.of(
        TrafficMirrorClient.ENV_ACCESS_KEY, "ak", TrafficMirrorClient.ENV_SECRET_KEY, "sk",
        TrafficMirrorClient.ENV_SESSION_TOKEN, "st")).orElseThrow();
    assertEquals("ak", c.accessKey());
    assertEquals("sk", c.secretKey());
    assertEquals("st", c.sessionToken());
  }
}
