package io.tmkit.client.cli;

import io.tmkit.client.SignedRequest;
import io.tmkit.client.WireTap;
import io.tmkit.contract.SigningSpec;
import io.tmkit.contract.signing.AuthorizationHeader;
import io.tmkit.contract.signing.QueryPairs;
import io.tmkit.contract.signing.SigningRequest;
import io.tmkit.contract.signing.VolcengineSigner;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --debug}: on stderr, where each setting came from, and for every attempt the canonical request
 * and string to sign (recomputed from the request as sent, the way a verifier does), the request as
 * written and the answer as read. Secrets are redacted everywhere: the secret key, and the STS token
 * (in X-Security-Token and in the canonical request). The access key ID and the signature are shown:
 * they identify the call and let it be compared with a server's view, and neither reveals the key.
 */
final class DebugLog implements WireTap {
  private final PrintStream err;
  private final Redactor redactor;
  private final VolcengineSigner signer;

  DebugLog(PrintStream err, Redactor redactor, SigningSpec signing) {
    this.err = err;
    this.redactor = redactor;
    this.signer = new VolcengineSigner(signing);
  }

  void settings(Settings.Resolved s) {
    line("debug: endpoint " + s.endpoint() + " (from " + s.endpointSetting().source() + ")");
    line("debug: region " + s.region().value() + " (from " + s.region().source() + ")");
    line("debug: access key " + s.accessKey().value() + " (from " + s.accessKey().source() + ")");
    line("debug: secret key " + Redactor.REDACTED + " (from " + s.secretKey().source() + ")");
    line("debug: session token " + (s.sessionToken().isSet() ? Redactor.REDACTED + " (from " + s.sessionToken().source() + ")" : "none"));
  }

  @Override
  public void request(SignedRequest request) {
    AuthorizationHeader auth = AuthorizationHeader.parse(request.header("Authorization")).orElse(null);
    if (auth != null) {
      String xDate = request.header(signer.spec().dateHeader());
      Map<String, String> signed = new LinkedHashMap<>();
      request.headers().forEach((name, value) -> {
        if (auth.signedHeaders().contains(name.toLowerCase(java.util.Locale.ROOT))) {
          signed.put(name, value);
        }
      });
      String path = request.uri().getRawPath() == null || request.uri().getRawPath().isEmpty() ? "/" : request.uri().getRawPath();
      String canonical = signer.canonicalRequest(new SigningRequest(request.method(), path,
          QueryPairs.decode(request.uri().getRawQuery()), signed, request.body()), auth.signedHeaders());
      String scope = auth.date() + "/" + auth.region() + "/" + auth.service() + "/" + auth.terminator();
      block("debug: canonical request", canonical);
      block("debug: string to sign", signer.stringToSign(canonical, xDate, scope));
    }
    line("> " + request.method() + " " + request.uri());
    request.headers().forEach((name, value) -> line("> " + name + ": " + value));
    if (request.body().length > 0) {
      line("> " + new String(request.body(), StandardCharsets.UTF_8));
    }
  }

  @Override
  public void response(int status, Map<String, List<String>> headers, byte[] body) {
    line("< " + status);
    headers.forEach((name, values) -> line("< " + name + ": " + String.join(",", values)));
    if (body.length > 0) {
      line("< " + new String(body, StandardCharsets.UTF_8));
    }
  }

  private void block(String title, String text) {
    line(title + ":");
    for (String l : text.split("\n", -1)) {
      line("  " + l);
    }
  }

  private void line(String text) {
    err.println(redactor.apply(text));
  }
}
