package io.tmkit.contract;

import java.util.List;
import java.util.Map;

/** The contract's {@code x-signing}: the parameters of Volcengine's HMAC-SHA256 signature. */
public record SigningSpec(
    String algorithm,
    String service,
    String terminator,
    String dateHeader,
    String contentHashHeader,
    String securityTokenHeader,
    List<String> requiredSignedHeaders,
    Map<String, String> testVector,
    PresignedQuery presignedQuery) {

  /**
   * {@code x-signing.presignedQuery}: the query parameters that carry a presigned URL's signature
   * (null in a contract that offers no presigned form).
   */
  public record PresignedQuery(
      String algorithm,
      String credential,
      String date,
      String signedHeaders,
      String signedQueries,
      String signature,
      String notSignBody,
      String securityToken) {

    /** Every name, in the order above. */
    public List<String> names() {
      return List.of(algorithm, credential, date, signedHeaders, signedQueries, signature, notSignBody, securityToken);
    }

    /** The name of a role, by its key in {@code x-signing.presignedQuery} ({@code credential} → {@code X-Credential}). */
    public java.util.Optional<String> byRole(String role) {
      return java.util.Optional.ofNullable(switch (role) {
        case "algorithm" -> algorithm;
        case "credential" -> credential;
        case "date" -> date;
        case "signedHeaders" -> signedHeaders;
        case "signedQueries" -> signedQueries;
        case "signature" -> signature;
        case "notSignBody" -> notSignBody;
        case "securityToken" -> securityToken;
        default -> null;
      });
    }
  }

  /** The names of the presigned form's query parameters; none when the contract has no presigned form. */
  public List<String> presignedParameterNames() {
    return presignedQuery == null ? List.of() : presignedQuery.names();
  }
}
