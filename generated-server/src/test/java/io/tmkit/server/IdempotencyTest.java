package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tmkit.contract.signing.Credentials;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The ClientToken ledger: replay, mismatch, in-process (412), and that failures record nothing. */
class IdempotencyTest extends ServerTest {
  private static final String DEMO = Demo.account("demo").accountId();

  private int sessions() {
    return server.admin().sessions(DEMO).size();
  }

  @Test
  void theSameTokenAndParametersReplayTheFirstAnswer() {
    Params p = Params.valid().set("ClientToken", "replay-1");
    Reply first = api.get(p);
    int after = sessions();
    Reply again = api.get(p);
    assertEquals(200, again.status(), again::toString);
    assertEquals(first.sessionId(), again.sessionId());
    assertNotEquals(first.requestId(), again.requestId(), "every response has a fresh RequestId");
    assertEquals(again.requestId(), again.json().path("Result").path("RequestId").asText());
    assertEquals(after, sessions(), "a replay creates nothing");
  }

  @Test
  void aReplayAnswersWhateverTheWorldIsByThen() {
    Params p = Params.valid().set("ClientToken", "replay-2").set("Priority", "42");
    Reply first = api.get(p);
    // The priority is now taken: a new request would get 409, the replay still gets the session.
    assertEquals(409, api.get(Params.valid().set("Priority", "42")).status());
    assertEquals(first.sessionId(), api.get(p).sessionId());
  }

  @Test
  void omittedDefaultsEqualExplicitOnes() {
    Params p = Params.valid().set("ClientToken", "defaults");
    Reply first = api.get(p);
    Reply explicit = api.get(p.copy().add("PacketLength", CONTRACT.requireParameter("PacketLength").defaultValue()));
    assertEquals(first.sessionId(), explicit.sessionId());
  }

  @Test
  void theSameTokenWithOtherParametersIsAMismatch() {
    api.get(Params.valid().set("ClientToken", "mismatch"));
    int after = sessions();
    assertError(CONTRACT.errors().only("IdempotentParameterMismatch"),
        api.get(Params.valid().set("ClientToken", "mismatch").add("Tags.1.Key", "k")));
    assertEquals(after, sessions());
  }

  @Test
  void tokensBelongToOneAccount() {
    Reply demo = api.get(Params.valid().set("ClientToken", "shared"));
    Reply other = api.get(Demo.key("slow"), Demo.validFor("slow").set("ClientToken", "shared"));
    assertEquals(200, other.status(), other::toString);
    assertNotEquals(demo.sessionId(), other.sessionId());
  }

  @Test
  void aFailedRequestRecordsNothingSoItCanBeRetried() {
    Params busy = Params.valid().set("ClientToken", "retry").set("Priority", "100");
    assertEquals(409, api.get(busy).status());
    Reply retried = api.get(busy.copy().set("Priority", "101").set("Priority", "55"));
    assertEquals(200, retried.status(), "the token was not recorded by the failure: " + retried);
  }

  @Test
  void aTokenStillInProcessAnswers412AndTheFirstRequestWins() throws Exception {
    Credentials slow = Demo.key("slow");
    String account = Demo.account("slow").accountId();
    Params p = Demo.validFor("slow").set("ClientToken", "in-process");
    CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() -> api.get(slow, p));
    Thread.sleep(300);
    assertError(CONTRACT.errors().only("IdempotentProcessing"), api.get(slow, p));
    // Even with other parameters, a token in process answers 412 (the first idempotency check).
    assertError(CONTRACT.errors().only("IdempotentProcessing"), api.get(slow, p.copy().set("Priority", "9")));
    Reply winner = first.get();
    assertEquals(200, winner.status(), winner::toString);
    assertEquals(1, server.admin().sessions(account).size());
    assertEquals(winner.sessionId(), api.get(slow, p).sessionId(), "afterwards the token replays");
  }

  @Test
  void aLostAnswerCanBeRecoveredWithTheToken() {
    server.admin().injectFault(DEMO, "InternalError", "afterCreate", 1);
    Params p = Params.valid().set("ClientToken", "lost-answer");
    int before = sessions();
    assertError(CONTRACT.errors().only("InternalError"), api.get(p));
    assertEquals(before + 1, sessions(), "the session was created before the answer was lost");
    Reply retry = api.get(p);
    assertEquals(200, retry.status());
    assertEquals(before + 1, sessions(), "the retry creates nothing");
  }

  @Test
  void aFaultBeforeCreatingCreatesNothing() {
    server.admin().injectFault(DEMO, "InternalError", "beforeCreate", 2);
    int before = sessions();
    assertEquals(500, api.get(Params.valid()).status());
    assertEquals(500, api.get(Params.valid()).status());
    assertEquals(before, sessions());
    assertEquals(200, api.get(Params.valid()).status(), "the fault was armed for two requests");
  }
}
