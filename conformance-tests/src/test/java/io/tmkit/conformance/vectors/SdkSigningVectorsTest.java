package io.tmkit.conformance.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tmkit.contract.Contract;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The vectors the Java and Go programs compare their SDK's signer with. */
class SdkSigningVectorsTest {
  private static final Contract CONTRACT = Contract.bundled();

  @Test
  void eachProfileHasTheCountAskedForAndOursIsTheFirstAcceptedForm() {
    List<ObjectNode> vectors = new SdkSigningVectors(CONTRACT, SdkSigningVectors.Canonicaliser.OURS).generate(200, 7);
    assertEquals(200, vectors.stream().filter(v -> v.get("profile").asText().equals("java-sdk")).count());
    assertEquals(200, vectors.stream().filter(v -> v.get("profile").asText().equals("go-sdk")).count());
    for (ObjectNode v : vectors) {
      assertEquals(v.get("canonicalRequest").asText(), v.get("accepted").get(0).get("canonicalRequest").asText());
      assertEquals(v.get("signature").asText(), v.get("accepted").get(0).get("signature").asText());
      assertTrue(v.get("authorization").asText().endsWith("Signature=" + v.get("signature").asText()));
    }
    // The same seed gives the same lines.
    assertEquals(vectors, new SdkSigningVectors(CONTRACT, SdkSigningVectors.Canonicaliser.OURS).generate(200, 7));
  }

  @Test
  void thePlantedCanonicaliserChangesEveryVectorWithATildeInItsQueryAndNoOther() {
    List<ObjectNode> ours = new SdkSigningVectors(CONTRACT, SdkSigningVectors.Canonicaliser.OURS).generate(200, 7);
    List<ObjectNode> planted = new SdkSigningVectors(CONTRACT, SdkSigningVectors.Canonicaliser.PLANTED_TILDE).generate(200, 7);
    int changed = 0;
    for (int i = 0; i < ours.size(); i++) {
      String query = ours.get(i).get("canonicalRequest").asText().split("\n", -1)[2];
      if (query.contains("~")) {
        changed++;
        assertNotEquals(ours.get(i).get("signature"), planted.get(i).get("signature"));
        assertEquals(1, planted.get(i).get("accepted").size());
      } else {
        assertEquals(ours.get(i).get("signature"), planted.get(i).get("signature"));
      }
    }
    assertTrue(changed > 50, "only " + changed + " vectors hold a ~");
  }
}
