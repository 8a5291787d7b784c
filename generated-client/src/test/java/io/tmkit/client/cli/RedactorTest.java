package io.tmkit.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What --debug and --dry-run print in place of a secret, and what they leave alone. */
class RedactorTest {
  @Test
  void aLongSecretGoesWhereverItOccurs() {
    String token = "STSeyJBY2NvdW50SWQiOiIyMTAwMDAwMDAxIn0";
    Redactor r = new Redactor("0123456789abcdefSECRET", token);
    assertEquals("X-Security-Token: <redacted>", r.apply("X-Security-Token: " + token));
    assertEquals("x-security-token:<redacted>", r.apply("x-security-token:" + token));
    assertEquals("prefix<redacted>suffix", r.apply("prefix" + token + "suffix"));
    assertEquals("bad key <redacted>", r.apply("bad key 0123456789abcdefSECRET"));
  }

  @Test
  void aShortSecretGoesWhereItStandsAloneAndLeavesWordsWhole() {
    Redactor r = new Redactor("A", "abc");
    assertEquals("GET /?Action=CreateTrafficMirrorSession", r.apply("GET /?Action=CreateTrafficMirrorSession"));
    assertEquals("X-Security-Token: <redacted>", r.apply("X-Security-Token: abc"));
    assertEquals("x-security-token:<redacted>", r.apply("x-security-token:abc"));
    assertEquals("Token=<redacted>&Action=x", r.apply("Token=abc&Action=x"));
    assertEquals("secret <redacted>.", r.apply("secret A."));
    assertEquals("abcd dabc", r.apply("abcd dabc"));
  }

  @Test
  void oneSecretInsideAnotherLeavesNoTail() {
    Redactor r = new Redactor("abc", "abcdefabcdefabcdefabcdef");
    assertEquals("<redacted> <redacted>", r.apply("abcdefabcdefabcdefabcdef abc"));
  }

  @Test
  void noSecretsNoChangeAndNullIsEmpty() {
    assertEquals("text", new Redactor(null, "").apply("text"));
    assertEquals("", new Redactor("x").apply(null));
  }
}
