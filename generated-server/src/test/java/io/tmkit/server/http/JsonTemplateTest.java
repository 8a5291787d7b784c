package io.tmkit.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tmkit.server.model.CreateTrafficMirrorSessionResponse;
import io.tmkit.server.model.CreateTrafficMirrorSessionResult;
import io.tmkit.server.model.ResponseMetadata;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The template's bytes are Jackson's bytes for the same model, whatever the strings hold. */
class JsonTemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private static CreateTrafficMirrorSessionResponse model(String[] v) {
    return new CreateTrafficMirrorSessionResponse()
        .responseMetadata(new ResponseMetadata().requestId(v[0]).action(v[1]).version(v[2]).service("vpc").region(v[3]))
        .result(new CreateTrafficMirrorSessionResult().requestId(v[0]).trafficMirrorSessionId(v[4]));
  }

  private static final JsonTemplate TEMPLATE = JsonTemplate.of(JSON, 5, JsonTemplateTest::model);

  @Property(tries = 500)
  void rendersWhatJacksonWrites(@ForAll String requestId, @ForAll String action, @ForAll String version,
      @ForAll String region, @ForAll String sessionId) throws Exception {
    String[] values = {requestId, action, version, region, sessionId};
    assertArrayEquals(JSON.writeValueAsBytes(model(values)), TEMPLATE.render(values));
  }

  @Property(tries = 200)
  void rendersPrintableTextWhatJacksonWrites(@ForAll("printable") String action, @ForAll("printable") String region)
      throws Exception {
    String[] values = {"20260101000000ABCDEF0123456789ABCD", action, "2020-04-01", region, "tms-abc"};
    assertArrayEquals(JSON.writeValueAsBytes(model(values)), TEMPLATE.render(values));
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> printable() {
    return net.jqwik.api.Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40);
  }
}
