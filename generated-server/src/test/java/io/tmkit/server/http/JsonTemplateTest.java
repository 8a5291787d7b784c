package io.tmkit.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tmkit.server.model.CreateTrafficMirrorSessionResponse;
import io.tmkit.server.model.CreateTrafficMirrorSessionResult;
import io.tmkit.server.model.ResponseMetadata;
import io.tmkit.testing.Generated;
import io.tmkit.testing.Shrink;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The template's bytes are Jackson's bytes for the same model, whatever the strings hold. */
class JsonTemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private static CreateTrafficMirrorSessionResponse model(String[] v) {
    return new CreateTrafficMirrorSessionResponse()
        .responseMetadata(new ResponseMetadata().requestId(v[0]).action(v[1]).version(v[2]).service("vpc").region(v[3]))
        .result(new CreateTrafficMirrorSessionResult().requestId(v[0]).trafficMirrorSessionId(v[4]));
  }

  private static final JsonTemplate TEMPLATE = JsonTemplate.of(JSON, 5, JsonTemplateTest::model);

  private static boolean rendersAsJackson(String[] values) throws Exception {
    assertArrayEquals(JSON.writeValueAsBytes(model(values)), TEMPLATE.render(values), () -> Arrays.toString(values));
    return true;
  }

  @Test
  void rendersWhatJacksonWrites() {
    Generated.of("JsonTemplate.anyStrings", s -> new String[] {s.anyText(255), s.anyText(255), s.anyText(255),
            s.anyText(255), s.anyText(255)})
        .shrinking(Shrink::eachString)
        .shownAs(Arrays::toString)
        .check(500, JsonTemplateTest::rendersAsJackson);
  }

  @Test
  void rendersPrintableTextWhatJacksonWrites() {
    Generated.of("JsonTemplate.printable", s -> new String[] {"20260101000000ABCDEF0123456789ABCD",
            s.chars(' ', '~', 0, 40), "2020-04-01", s.chars(' ', '~', 0, 40), "tms-abc"})
        .shrinking(Shrink::eachString)
        .shownAs(Arrays::toString)
        .check(200, JsonTemplateTest::rendersAsJackson);
  }

  /** The same on strings the fuzzer picks, coverage-guided (CI fuzzes it for a few seconds, see the pom). */
  @FuzzTest(maxDuration = "4s")
  void rendersWhatJacksonWritesForFuzzedStrings(FuzzedDataProvider data) throws Exception {
    String[] values = new String[5];
    for (int i = 0; i < values.length; i++) {
      values[i] = i < values.length - 1 ? data.consumeString(80) : data.consumeRemainingAsString();
    }
    rendersAsJackson(values);
  }
}
