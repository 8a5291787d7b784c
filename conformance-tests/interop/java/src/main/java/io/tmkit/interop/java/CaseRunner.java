package io.tmkit.interop.java;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.volcengine.ApiException;
import com.volcengine.model.Error;
import com.volcengine.model.ResponseMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Runs one case of the export through the SDK and judges the SDK's answer against the case's expectation. */
final class CaseRunner {
  /** PASS, FAIL or SKIP, with what was seen or why it was not run. */
  record Verdict(String word, String detail) {
    static Verdict pass(String detail) {
      return new Verdict("PASS", detail);
    }

    static Verdict fail(String detail) {
      return new Verdict("FAIL", detail);
    }

    static Verdict skip(String why) {
      return new Verdict("SKIP", why);
    }
  }

  private static final Set<String> EXPRESSIBLE = Set.of("signed", "wrong-secret", "unknown-key");

  private final Admin admin;
  private final String endpoint;
  private boolean dirty = true;

  CaseRunner(String endpoint, Admin admin) {
    this.endpoint = endpoint;
    this.admin = admin;
  }

  Verdict run(JsonObject c) {
    JsonObject request = c.getAsJsonObject("request");
    String why = inexpressible(request);
    if (why != null) {
      return Verdict.skip(why);
    }
    JsonArray preconditions = c.getAsJsonArray("preconditions");
    boolean fault = false;
    for (JsonElement p : preconditions) {
      JsonObject pre = p.getAsJsonObject();
      if (pre.has("request") && !pre.get("request").isJsonNull()) {
        String preWhy = inexpressible(pre.getAsJsonObject("request"));
        if (preWhy != null) {
          return Verdict.skip("its " + pre.get("kind").getAsString() + " precondition: " + preWhy);
        }
      }
      fault |= pre.get("kind").getAsString().equals("fault");
    }
    boolean resetBefore = c.get("resetBefore").getAsBoolean();
    if (resetBefore || dirty) {
      admin.reset();
    }
    dirty = resetBefore;
    // The SDK retries a 5xx itself: with an injected one-off InternalError that retry would succeed and
    // hide the answer the case is about. Everything else runs with the SDK's defaults (retries on).
    boolean autoRetry = !fault;
    Map<String, String> remembered = new HashMap<>();
    CompletableFuture<SdkCall.Outcome> inFlight = null;
    for (JsonElement p : preconditions) {
      JsonObject pre = p.getAsJsonObject();
      switch (pre.get("kind").getAsString()) {
        case "fault" -> {
          JsonObject f = new JsonObject();
          for (String k : List.of("accountId", "code", "phase", "times")) {
            f.add(k, pre.get(k));
          }
          admin.fault(f.toString());
        }
        case "priorRequest" -> {
          SdkCall.Outcome o = send(pre.getAsJsonObject("request"), autoRetry);
          int status = status(o);
          if (status != pre.get("expectStatus").getAsInt()) {
            return Verdict.fail("precondition " + pre.get("as").getAsString() + ": " + describe(o) + ", expected status " + pre.get("expectStatus").getAsInt());
          }
          if (o.error() == null) {
            remembered.put(pre.get("as").getAsString(), String.valueOf(o.result().get("TrafficMirrorSessionId")));
          }
        }
        case "inFlight" -> {
          JsonObject r = pre.getAsJsonObject("request");
          inFlight = CompletableFuture.supplyAsync(() -> send(r, autoRetry));
          sleep(pre.get("settleMs").getAsLong());
        }
        default -> {
          return Verdict.skip("unknown precondition kind " + pre.get("kind").getAsString());
        }
      }
    }
    JsonObject expect = c.getAsJsonObject("expect");
    String accountId = c.get("accountId").isJsonNull() ? null : c.get("accountId").getAsString();
    boolean count = !expect.get("sessionsCreated").isJsonNull() && accountId != null;
    int before = count ? admin.sessions(accountId).size() : 0;
    SdkCall.Outcome o = send(request, autoRetry);
    if (inFlight != null) {
      SdkCall.Outcome first = inFlight.join();
      if (first.error() != null) {
        return Verdict.fail("the in-flight request: " + describe(first) + ", expected status 200");
      }
    }
    Verdict verdict = judge(expect, o, remembered, accountId);
    if (verdict.word().equals("PASS") && count) {
      int created = admin.sessions(accountId).size() - before;
      if (created != expect.get("sessionsCreated").getAsInt()) {
        return Verdict.fail(verdict.detail() + "; but " + created + " sessions were created, expected " + expect.get("sessionsCreated").getAsInt());
      }
    }
    return verdict;
  }

  private Verdict judge(JsonObject expect, SdkCall.Outcome o, Map<String, String> remembered, String accountId) {
    int status = expect.get("status").getAsInt();
    String retries = o.attempts() > 1 ? " after " + o.attempts() + " requests (the SDK's own retries)" : "";
    if (status == 200) {
      if (o.error() != null) {
        return Verdict.fail(describe(o) + ", expected status 200");
      }
      Object id = o.result().get("TrafficMirrorSessionId");
      if (!(id instanceof String s) || !s.startsWith("tms-")) {
        return Verdict.fail("status 200 without a TrafficMirrorSessionId: " + o.result());
      }
      JsonElement same = expect.get("sameSessionAs");
      if (!same.isJsonNull() && !id.equals(remembered.get(same.getAsString()))) {
        return Verdict.fail("session " + id + ", expected the one of " + same.getAsString() + " (" + remembered.get(same.getAsString()) + ")");
      }
      JsonElement stored = expect.get("stored");
      if (!stored.isJsonNull() && accountId != null) {
        String difference = storedDifference((String) id, stored.getAsJsonObject(), accountId);
        if (difference != null) {
          return Verdict.fail("session " + id + " holds " + difference);
        }
      }
      return Verdict.pass("200 " + id + (stored.isJsonNull() ? "" : ", stored values byte-exact") + retries);
    }
    if (o.error() == null) {
      return Verdict.fail("status 200 " + o.result().get("TrafficMirrorSessionId") + ", expected " + status + " " + expect.get("code").getAsString());
    }
    ApiException e = o.error();
    ResponseMetadata metadata = e.getResponseMetadata();
    Error error = metadata == null ? null : metadata.getError();
    String code = error == null ? null : error.getCode();
    String message = error == null ? null : error.getMessage();
    List<String> wrong = new ArrayList<>();
    if (e.getCode() != status) {
      wrong.add("status " + e.getCode() + ", expected " + status);
    }
    if (!expect.get("code").getAsString().equals(code)) {
      wrong.add("code " + code + ", expected " + expect.get("code").getAsString());
    }
    if (!expect.get("message").getAsString().equals(message)) {
      wrong.add("message \"" + message + "\", expected \"" + expect.get("message").getAsString() + "\"");
    }
    if (status == 429 && o.attempts() < 2) {
      wrong.add("the SDK sent " + o.attempts() + " request(s): it did not retry the 429");
    }
    if (!wrong.isEmpty()) {
      return Verdict.fail(String.join("; ", wrong));
    }
    return Verdict.pass(status + " " + code + retries);
  }

  /** Null when the session as the admin API lists it holds exactly the expected values. */
  private String storedDifference(String id, JsonObject expected, String accountId) {
    JsonObject session = null;
    for (JsonElement s : admin.sessions(accountId)) {
      if (id.equals(s.getAsJsonObject().get("trafficMirrorSessionId").getAsString())) {
        session = s.getAsJsonObject();
      }
    }
    if (session == null) {
      return "nothing: the admin API does not list it";
    }
    for (Map.Entry<String, JsonElement> e : expected.entrySet()) {
      JsonElement got = session.get(e.getKey());
      if (e.getKey().equals("tags")) {
        if (!e.getValue().equals(got)) {
          return "tags " + got + ", expected " + e.getValue();
        }
      } else if (got == null || got.isJsonNull() || !got.getAsString().equals(e.getValue().getAsString())) {
        return e.getKey() + " " + got + ", expected " + e.getValue();
      }
    }
    return null;
  }

  private SdkCall.Outcome send(JsonObject request, boolean autoRetry) {
    JsonObject signing = request.getAsJsonObject("signing");
    String action = null;
    String version = null;
    List<String[]> params = new ArrayList<>();
    for (JsonElement p : request.getAsJsonArray("params")) {
      String name = p.getAsJsonArray().get(0).getAsString();
      String value = p.getAsJsonArray().get(1).getAsString();
      switch (name) {
        case "Action" -> action = value;
        case "Version" -> version = value;
        default -> params.add(new String[] {name, value});
      }
    }
    return new SdkCall(endpoint, signing.get("region").getAsString()).call(signing.get("accessKey").getAsString(),
        signing.get("secretKey").getAsString(), action, version, signing.get("service").getAsString(), params, autoRetry);
  }

  /** Why the SDK, used as the vpc module uses it, cannot send this request; null when it can. */
  static String inexpressible(JsonObject request) {
    if (!request.get("rawQuery").isJsonNull()) {
      return "the SDK builds the query itself: cannot send a raw query";
    }
    JsonObject signing = request.getAsJsonObject("signing");
    String kind = signing.get("kind").getAsString();
    if (kind.equals("unsigned")) {
      return "the SDK signs every request: cannot send an unsigned one";
    }
    if (!EXPRESSIBLE.contains(kind)) {
      return "the SDK signs every request itself: cannot send " + kind;
    }
    if (!request.get("method").getAsString().equals("GET") || !request.get("body").getAsString().equals("query")) {
      return "the vpc module calls this action as GET with the parameters in the query (path get/text_plain): cannot send "
          + request.get("method").getAsString() + " with a " + request.get("body").getAsString() + " body";
    }
    Set<String> names = new HashSet<>();
    int actions = 0;
    int versions = 0;
    for (JsonElement p : request.getAsJsonArray("params")) {
      String name = p.getAsJsonArray().get(0).getAsString();
      String value = p.getAsJsonArray().get(1).getAsString();
      if (!names.add(name)) {
        return "the SDK's signer (VolcstackSign) keeps one value per name: cannot send " + name + " twice";
      }
      if (name.equals("Action") || name.equals("Version")) {
        if (value.isBlank() || value.contains("/")) {
          return "the SDK takes " + name + " from its call path: cannot send " + name + "=\"" + value + "\"";
        }
        actions += name.equals("Action") ? 1 : 0;
        versions += name.equals("Version") ? 1 : 0;
      }
    }
    if (actions != 1 || versions != 1) {
      return "the SDK always sends Action and Version (from its call path): cannot leave " + (actions != 1 ? "Action" : "Version") + " out";
    }
    return null;
  }

  private static int status(SdkCall.Outcome o) {
    return o.error() == null ? 200 : o.error().getCode();
  }

  static String describe(SdkCall.Outcome o) {
    if (o.error() == null) {
      return "status 200 " + o.result().get("TrafficMirrorSessionId");
    }
    ResponseMetadata m = o.error().getResponseMetadata();
    return "status " + o.error().getCode() + (m == null || m.getError() == null ? " (" + o.error().getMessage() + ")"
        : " " + m.getError().getCode() + " \"" + m.getError().getMessage() + "\"");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
