package io.tmkit.contract.signing;

import io.tmkit.contract.SigningSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The signature of a presigned URL, read from the query parameters that {@code x-signing.presignedQuery}
 * names ({@code X-Credential=AK/date/region/service/request}, {@code X-Date}, {@code X-Algorithm},
 * {@code X-SignedHeaders}, {@code X-SignedQueries}, {@code X-Signature}, optional {@code X-NotSignBody}).
 * {@link #read} says which documented piece is missing or malformed, so that a verifier can answer
 * with the row the contract gives for it.
 */
public record PresignedUrl(
    String algorithm,
    String accessKey,
    String date,
    String region,
    String service,
    String terminator,
    String xDate,
    List<String> signedHeaders,
    Set<String> signedQueries,
    String signature,
    boolean bodySigned) {

  /** Why a query holds no usable presigned signature, in the order a verifier checks. */
  public enum Fault {
    /** No {@code X-Credential}: nothing names the caller. */
    NO_CREDENTIAL,
    /** No {@code X-Date}. */
    NO_DATE,
    /** A piece missing, repeated or not of its documented form. */
    MALFORMED
  }

  /** What {@link #read} found: a signature, or the fault that prevents one. */
  public record Reading(PresignedUrl url, Fault fault) {
    public Optional<PresignedUrl> presigned() {
      return Optional.ofNullable(url);
    }
  }

  public PresignedUrl {
    signedHeaders = List.copyOf(signedHeaders);
    signedQueries = Set.copyOf(signedQueries);
  }

  /** Whether a query carries any of the presigned form's parameters (the verifier then reads it as one). */
  public static boolean carriedBy(List<Map.Entry<String, String>> query, SigningSpec.PresignedQuery names) {
    if (names == null) {
      return false;
    }
    List<String> all = names.names();
    for (Map.Entry<String, String> pair : query) {
      if (all.contains(pair.getKey())) {
        return true;
      }
    }
    return false;
  }

  /** Reads the presigned signature of a query (decoded pairs, in order, repeats kept). */
  public static Reading read(List<Map.Entry<String, String>> query, SigningSpec.PresignedQuery names) {
    Map<String, Integer> counts = new HashMap<>();
    Map<String, String> first = new HashMap<>();
    for (Map.Entry<String, String> pair : query) {
      counts.merge(pair.getKey(), 1, Integer::sum);
      first.putIfAbsent(pair.getKey(), pair.getValue());
    }
    if (!first.containsKey(names.credential())) {
      return new Reading(null, Fault.NO_CREDENTIAL);
    }
    if (!first.containsKey(names.date())) {
      return new Reading(null, Fault.NO_DATE);
    }
    for (String name : names.names()) {
      if (counts.getOrDefault(name, 0) > 1) {
        return malformed();
      }
    }
    String algorithm = first.get(names.algorithm());
    String signedHeaders = first.get(names.signedHeaders());
    String signedQueries = first.get(names.signedQueries());
    String signature = first.get(names.signature());
    if (algorithm == null || algorithm.isEmpty() || signedHeaders == null || signedQueries == null
        || signature == null || !isHexSignature(signature) || !isHeaderList(signedHeaders)) {
      return malformed();
    }
    String[] credential = first.get(names.credential()).split("/", -1);
    if (credential.length != 5 || Arrays.stream(credential).anyMatch(PresignedUrl::badSegment)
        || !credential[1].matches("[0-9]{8}")) {
      return malformed();
    }
    List<String> queries = Arrays.asList(signedQueries.split(";", -1));
    if (queries.contains("") || !queries.contains(names.date())) {
      return malformed();
    }
    List<String> headers = signedHeaders.isEmpty() ? List.of() : Arrays.asList(signedHeaders.split(";"));
    return new Reading(new PresignedUrl(algorithm, credential[0], credential[1], credential[2], credential[3],
        credential[4], first.get(names.date()), headers, Set.copyOf(queries), signature,
        !first.containsKey(names.notSignBody())), null);
  }

  /**
   * The pairs the signature covers: those that X-SignedQueries names, in their order. Empty when the
   * query holds a parameter that it does not name (the URL was extended after signing), X-Signature and
   * X-Security-Token excepted; an unnamed X-Security-Token is covered only with {@code withUnlistedToken}
   * (Java's presigner signs it without listing it, Python's neither lists nor signs it).
   */
  public Optional<List<Map.Entry<String, String>>> coveredPairs(List<Map.Entry<String, String>> query,
      SigningSpec.PresignedQuery names, boolean withUnlistedToken) {
    List<Map.Entry<String, String>> covered = new ArrayList<>();
    for (Map.Entry<String, String> pair : query) {
      String name = pair.getKey();
      if (signedQueries.contains(name)) {
        covered.add(pair);
      } else if (name.equals(names.securityToken())) {
        if (withUnlistedToken) {
          covered.add(pair);
        }
      } else if (!name.equals(names.signature())) {
        return Optional.empty();
      }
    }
    return Optional.of(List.copyOf(covered));
  }

  /** Whether the query holds an X-Security-Token that X-SignedQueries does not name. */
  public boolean hasUnlistedToken(List<Map.Entry<String, String>> query, SigningSpec.PresignedQuery names) {
    return !signedQueries.contains(names.securityToken())
        && query.stream().anyMatch(p -> p.getKey().equals(names.securityToken()));
  }

  /** The credential scope, {@code date/region/service/terminator}. */
  public String scope() {
    return date + "/" + region + "/" + service + "/" + terminator;
  }

  /** The same credential as the header form's parsed value, for the checks both forms share. */
  public AuthorizationHeader asAuthorization() {
    return new AuthorizationHeader(algorithm, accessKey, date, region, service, terminator, signedHeaders, signature);
  }

  private static Reading malformed() {
    return new Reading(null, Fault.MALFORMED);
  }

  private static boolean badSegment(String s) {
    return s.isEmpty() || s.chars().anyMatch(c -> c == ',' || Character.isWhitespace(c));
  }

  /** 64 lower-case hexadecimal digits, as the header form's {@code Signature=}. */
  private static boolean isHexSignature(String s) {
    return s.length() == 64 && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }

  /** Empty, or {@code [a-z0-9-]+(;[a-z0-9-]+)*} as the header form's {@code SignedHeaders=}. */
  private static boolean isHeaderList(String s) {
    return s.isEmpty() || s.matches("[a-z0-9-]+(;[a-z0-9-]+)*");
  }
}
