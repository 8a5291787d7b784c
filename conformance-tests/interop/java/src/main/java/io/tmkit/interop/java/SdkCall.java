package io.tmkit.interop.java;

import com.google.gson.reflect.TypeToken;
import com.squareup.okhttp.Call;
import com.volcengine.ApiClient;
import com.volcengine.ApiException;
import com.volcengine.ApiResponse;
import com.volcengine.Pair;
import com.volcengine.sign.Credentials;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call of CreateTrafficMirrorSession through Volcengine's Java SDK core (2.0.11), as the
 * operation's own module would make it. That module, {@code volcengine-java-sdk-vpc}, is not served by
 * Maven Central, so this class does what its generated {@code VpcApi.createTrafficMirrorSessionCall}
 * does with the core (public source: volcengine/volcengine-java-sdk,
 * volcengine-java-sdk-vpc/src/main/java/com/volcengine/vpc/VpcApi.java): {@code ApiClient.buildCall}
 * with the path {@code /Action/Version/service/get/text_plain/} (from which the core takes the action,
 * version, service, the GET method and the Content-Type), {@code Accept: application/json}, the auth
 * name {@code volcengineSign}, then {@code ApiClient.execute} with the response type. Where the
 * generated code hands over its model object (which the core flattens into {@code Tags.1.Key}-style
 * query pairs by reflection over {@code com.volcengine.*} classes only), this class hands the same
 * pairs to {@code buildCall} as its query parameters and no body; the core appends Action and Version
 * from the path, encodes the query ({@code ApiClient.escapeString}), signs it with
 * {@code VolcstackSign}, sends it with okhttp, retries as configured, and parses the answer (the
 * {@code Result} on success, an {@code ApiException} with the {@code ResponseMetadata} otherwise).
 * (The core's generic map body, as {@code UniversalApi} passes it, is not used: with a map the core
 * 2.0.11 also appends the map's {@code toString()} as a nameless query pair.)
 */
final class SdkCall {
  private static final Type RESULT = new TypeToken<Map<String, Object>>() {}.getType();

  /** What the SDK gave back: the Result map, or the ApiException; and how many HTTP requests it sent. */
  record Outcome(Map<String, Object> result, ApiException error, int attempts) {}

  private final String hostPort;
  private final String region;

  SdkCall(String endpoint, String region) {
    this.hostPort = endpoint.replaceFirst("^https?://", "").replaceFirst("/$", "");
    this.region = region;
  }

  Outcome call(String accessKey, String secretKey, String action, String version, String service,
      List<String[]> params, boolean autoRetry) {
    ApiClient client = new ApiClient()
        .setEndpoint(hostPort)
        .setDisableSSL(true)
        .setRegion(region)
        .setCredentials(Credentials.getCredentials(accessKey, secretKey))
        .setAutoRetry(autoRetry);
    AtomicInteger attempts = new AtomicInteger();
    // Observes what goes on the wire (it changes nothing): counts the SDK's own retries.
    client.getHttpClient().networkInterceptors().add(chain -> {
      attempts.incrementAndGet();
      return chain.proceed(chain.request());
    });
    List<Pair> query = new ArrayList<>();
    for (String[] p : params) {
      query.add(new Pair(p[0], p[1]));
    }
    String path = "/" + action + "/" + version + "/" + service + "/get/text_plain/";
    Map<String, String> headers = new HashMap<>();
    headers.put("Accept", client.selectHeaderAccept(new String[] {"application/json"}));
    headers.put("Content-Type", client.selectHeaderContentType(new String[] {"text/plain"}));
    try {
      Call call = client.buildCall(path, "POST", query, new ArrayList<Pair>(), null, headers,
          new HashMap<String, Object>(), new String[] {"volcengineSign"}, null);
      ApiResponse<Map<String, Object>> response = client.execute(call, RESULT);
      return new Outcome(response.getData(), null, attempts.get());
    } catch (ApiException e) {
      return new Outcome(null, e, attempts.get());
    }
  }
}
