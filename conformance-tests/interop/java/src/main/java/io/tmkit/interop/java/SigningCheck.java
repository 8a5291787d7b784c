package io.tmkit.interop.java;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.volcengine.Pair;
import com.volcengine.observability.debugger.LogLevel;
import com.volcengine.observability.debugger.SdkDebugLog;
import com.volcengine.sign.Credentials;
import com.volcengine.sign.VolcstackSign;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java half of the differential signing test: every {@code java-sdk} vector (written by the
 * conformance suite's ExportSdkSigningVectors) signed by the Java SDK core's own signer,
 * {@code com.volcengine.sign.VolcstackSign.applyToParams} (the call ApiClient makes), given the same
 * X-Date. Its canonical request is what the signer logs at debug level ({@code canonicalRequest: …},
 * captured through slf4j/logback); it must be byte-identical to one of the forms our verifier accepts
 * (ours first), and the Authorization header it adds must carry that form's signature.
 */
final class SigningCheck {
  private static final String LOGGER = "com.volcengine.sdkcore";
  private static final String PREFIX = "canonicalRequest: ";

  /** What one file gave: vectors checked, how many matched, the first few differences. */
  record Result(int checked, int matched, List<String> differences) {}

  private final List<String> logged = new ArrayList<>();

  SigningCheck() {
    LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    context.reset();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
    AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        synchronized (logged) {
          logged.add(event.getFormattedMessage());
        }
      }
    };
    capture.setContext(context);
    capture.start();
    Logger sdk = context.getLogger(LOGGER);
    sdk.addAppender(capture);
    sdk.setAdditive(false);
    sdk.setLevel(Level.OFF);
  }

  Result check(Path vectors) throws IOException {
    Logger sdk = ((LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory()).getLogger(LOGGER);
    sdk.setLevel(Level.DEBUG);
    SdkDebugLog.SDK_CORE_LOGGER.setLogLevel(LogLevel.LOG_DEBUG_WITH_SIGNING.mask());
    int checked = 0;
    int matched = 0;
    List<String> differences = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(vectors, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonObject v = new JsonParser().parse(line).getAsJsonObject();
        if (!v.get("profile").getAsString().equals("java-sdk")) {
          continue;
        }
        checked++;
        String problem = one(v);
        if (problem == null) {
          matched++;
        } else if (differences.size() < 3) {
          differences.add(v.get("id").getAsString() + ": " + problem);
        }
      }
    } finally {
      sdk.setLevel(Level.OFF);
      SdkDebugLog.SDK_CORE_LOGGER.setLogLevel(LogLevel.LOG_DEBUG_OFF.mask());
    }
    return new Result(checked, matched, differences);
  }

  private String one(JsonObject v) {
    VolcstackSign signer = new VolcstackSign(Credentials.getCredentials(v.get("accessKey").getAsString(), v.get("secretKey").getAsString()));
    signer.setRegion(v.get("region").getAsString());
    signer.setService(v.get("service").getAsString());
    signer.setMethod(v.get("method").getAsString());
    List<Pair> query = new ArrayList<>();
    for (JsonElement p : v.getAsJsonArray("query")) {
      query.add(new Pair(p.getAsJsonArray().get(0).getAsString(), p.getAsJsonArray().get(1).getAsString()));
    }
    Map<String, String> headers = new HashMap<>();
    for (JsonElement h : v.getAsJsonArray("headers")) {
      headers.put(h.getAsJsonArray().get(0).getAsString(), h.getAsJsonArray().get(1).getAsString());
    }
    synchronized (logged) {
      logged.clear();
    }
    signer.applyToParams(query, headers, v.get("body").getAsString());
    String canonical;
    synchronized (logged) {
      canonical = logged.stream().filter(m -> m.startsWith(PREFIX)).map(m -> m.substring(PREFIX.length()))
          .reduce((a, b) -> b).orElse(null);
    }
    if (canonical == null) {
      return "the signer logged no canonical request (Authorization " + headers.get("Authorization") + ")";
    }
    String authorization = headers.get("Authorization");
    String prefix = "HMAC-SHA256 Credential=" + v.get("accessKey").getAsString() + "/" + v.get("xDate").getAsString().substring(0, 8)
        + "/" + v.get("region").getAsString() + "/" + v.get("service").getAsString() + "/request, SignedHeaders="
        + v.get("signedHeaders").getAsString() + ", Signature=";
    for (JsonElement form : v.getAsJsonArray("accepted")) {
      JsonObject f = form.getAsJsonObject();
      if (f.get("canonicalRequest").getAsString().equals(canonical)) {
        return (prefix + f.get("signature").getAsString()).equals(authorization) ? null
            : "same canonical request, other Authorization: " + authorization;
      }
    }
    return "canonical request is none of the " + v.getAsJsonArray("accepted").size() + " our verifier accepts\n"
        + "      sdk:  " + canonical.replace("\n", "\\n") + "\n      ours: " + v.get("canonicalRequest").getAsString().replace("\n", "\\n");
  }
}
