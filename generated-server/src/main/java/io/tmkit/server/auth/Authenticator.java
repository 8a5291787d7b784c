package io.tmkit.server.auth;

import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorCatalog;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.EvaluationStage;
import io.tmkit.contract.Limits;
import io.tmkit.contract.SigningSpec;
import io.tmkit.contract.signing.AuthorizationHeader;
import io.tmkit.contract.signing.PresignedUrl;
import io.tmkit.contract.signing.SigningRequest;
import io.tmkit.contract.signing.VolcengineSigner;
import io.tmkit.server.domain.AccountState;
import io.tmkit.server.domain.Rejection;
import io.tmkit.server.domain.WorldState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The authentication stage: the Volcengine signature (recomputed with the contract's signer over the
 * headers the client listed), then the caller's permission and request rate. The checks run in the
 * order of {@link #codes()}, which is the contract's order. Secrets never leave this class and are
 * never logged; signatures are compared in constant time.
 */
public final class Authenticator {
  private static final DateTimeFormatter X_DATE = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
      .withResolverStyle(ResolverStyle.STRICT);

  private final SigningSpec spec;
  private final VolcengineSigner signer;
  private final Limits limits;
  private final ErrorRow missingToken;
  private final ErrorRow missingRequestInfo;
  private final ErrorRow missingSignature;
  private final ErrorRow invalidTimestamp;
  private final ErrorRow serviceNotFound;
  private final ErrorRow invalidAccessKey;
  private final ErrorRow signatureMismatch;
  private final ErrorRow accessDenied;
  private final ErrorRow flowLimit;
  private final Map<String, CredentialsFile.Credential> byAccessKey;
  private final FlowLimiter flowLimiter = new FlowLimiter();

  public Authenticator(Contract contract, CredentialsFile credentials) {
    this.spec = contract.signing();
    this.signer = new VolcengineSigner(spec);
    this.limits = contract.limits();
    ErrorCatalog c = contract.errors();
    this.missingToken = c.only("MissingAuthenticationToken");
    this.missingRequestInfo = c.only("MissingRequestInfo");
    this.missingSignature = c.only("MissingSignature");
    this.invalidTimestamp = c.only("InvalidTimestamp");
    this.serviceNotFound = c.only("ServiceNotFound");
    this.invalidAccessKey = c.only("InvalidAccessKey");
    this.signatureMismatch = c.only("SignatureDoesNotMatch");
    this.accessDenied = c.only("AccessDenied");
    this.flowLimit = c.only("FlowLimitExceeded");
    Map<String, CredentialsFile.Credential> keys = new HashMap<>();
    for (CredentialsFile.Credential cred : credentials.credentials()) {
      // An empty secret cannot key an HMAC (every request with it failed with a 500): refused at start.
      if (blank(cred.accessKey()) || blank(cred.secretKey()) || blank(cred.accountId())) {
        throw new IllegalArgumentException("credentials: each entry needs a non-empty accessKey, secretKey and accountId"
            + (blank(cred.accessKey()) ? "" : " (access key " + cred.accessKey() + ")"));
      }
      if (keys.put(cred.accessKey(), cred) != null) {
        throw new IllegalArgumentException("credentials: access key " + cred.accessKey() + " is listed twice");
      }
    }
    this.byAccessKey = Map.copyOf(keys);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * The account a request is for, from the access key its Authorization header names (null or
   * unparseable: the world's first account, as {@link #assume} has it). Only to choose a thread:
   * nothing is verified here.
   */
  public AccountState accountFor(String authorization, WorldState world) {
    Optional<AuthorizationHeader> auth = AuthorizationHeader.parse(authorization);
    CredentialsFile.Credential credential = auth.map(a -> byAccessKey.get(a.accessKey())).orElse(null);
    return (credential == null ? Optional.<AccountState>empty() : world.account(credential.accountId()))
        .orElseGet(world::firstAccount);
  }

  /** The codes of this stage, in the order the checks run. */
  public EvaluationStage plan() {
    return new EvaluationStage("authentication", List.of(missingToken.code(), missingRequestInfo.code(),
        missingSignature.code(), invalidTimestamp.code(), serviceNotFound.code(), invalidAccessKey.code(),
        signatureMismatch.code(), accessDenied.code(), flowLimit.code()));
  }

  /** Verifies the signature, permission and rate of a request for {@code action}. */
  public Caller authenticate(IncomingRequest request, String action, WorldState world, Instant now) {
    String authorization = request.header().apply("Authorization");
    if (authorization == null && PresignedUrl.carriedBy(request.query(), spec.presignedQuery())) {
      return authenticatePresigned(request, action, world, now);
    }
    if (authorization == null) {
      throw Rejection.of(missingToken);
    }
    String xDate = request.header().apply(spec.dateHeader());
    if (xDate == null) {
      throw Rejection.of(missingRequestInfo);
    }
    AuthorizationHeader auth = AuthorizationHeader.parse(authorization)
        .filter(a -> a.algorithm().equals(spec.algorithm()) && a.terminator().equals(spec.terminator()))
        .filter(a -> a.signedHeaders().containsAll(spec.requiredSignedHeaders()))
        .orElseThrow(() -> Rejection.of(missingSignature));
    checkTimestamp(xDate.trim(), auth, now);
    return verifiedCaller(auth, action, world, now, credential -> verifySignature(request, auth, xDate.trim(), credential));
  }

  /**
   * Without authentication ({@code --no-auth}): the account of the access key named in a parseable
   * Authorization header, else the world's first account. Permission and flow limit of a named key
   * still apply, so that the demo's readonly and throttled keys behave the same with and without auth.
   */
  public Caller assume(IncomingRequest request, String action, WorldState world, Instant now) {
    Optional<AuthorizationHeader> auth = AuthorizationHeader.parse(request.header().apply("Authorization"))
        .or(() -> presignedCredential(request));
    CredentialsFile.Credential credential = auth.map(a -> byAccessKey.get(a.accessKey())).orElse(null);
    Optional<AccountState> account = credential == null ? Optional.empty() : world.account(credential.accountId());
    String region = auth.map(AuthorizationHeader::region).orElse(world.region());
    if (account.isEmpty()) {
      return new Caller(null, world.firstAccount(), region);
    }
    Caller caller = new Caller(credential, account.get(), region);
    checkPermissionAndRate(caller, action, now);
    return caller;
  }

  /**
   * The presigned-URL form (the signature in the query string): the same rows, in the same order and
   * with the same clock and key rules as the header form (see the contract's volcengineSignature).
   */
  private Caller authenticatePresigned(IncomingRequest request, String action, WorldState world, Instant now) {
    PresignedUrl.Reading reading = PresignedUrl.read(request.query(), spec.presignedQuery());
    if (reading.fault() == PresignedUrl.Fault.NO_CREDENTIAL) {
      throw Rejection.of(missingToken);
    }
    if (reading.fault() == PresignedUrl.Fault.NO_DATE) {
      throw Rejection.of(missingRequestInfo);
    }
    PresignedUrl url = reading.presigned()
        .filter(u -> u.algorithm().equals(spec.algorithm()) && u.terminator().equals(spec.terminator()))
        .orElseThrow(() -> Rejection.of(missingSignature));
    AuthorizationHeader auth = url.asAuthorization();
    checkTimestamp(url.xDate(), auth, now);
    return verifiedCaller(auth, action, world, now, credential -> verifyPresignedSignature(request, url, credential));
  }

  /**
   * The request executed must be the request signed: a parameter that X-SignedQueries does not name,
   * or a form body that X-NotSignBody leaves unsigned, does not match. An unlisted X-Security-Token is
   * tried both outside the canonical query (Python's presigner) and inside it (Java's).
   */
  private void verifyPresignedSignature(IncomingRequest request, PresignedUrl url,
      CredentialsFile.Credential credential) {
    byte[] body = request.body();
    if (!url.bodySigned() && body.length > 0) {
      throw Rejection.of(signatureMismatch);
    }
    Map<String, String> signed = new TreeMap<>();
    for (String name : url.signedHeaders()) {
      String value = request.header().apply(name);
      signed.put(name, value == null ? "" : value);
    }
    boolean matches = presignedMatches(request, url, signed, body, credential, false)
        || (url.hasUnlistedToken(request.query(), spec.presignedQuery())
            && presignedMatches(request, url, signed, body, credential, true));
    if (!matches) {
      throw Rejection.of(signatureMismatch);
    }
  }

  private boolean presignedMatches(IncomingRequest request, PresignedUrl url, Map<String, String> headers,
      byte[] body, CredentialsFile.Credential credential, boolean withUnlistedToken) {
    Optional<List<Map.Entry<String, String>>> covered =
        url.coveredPairs(request.query(), spec.presignedQuery(), withUnlistedToken);
    if (covered.isEmpty()) {
      return false;
    }
    SigningRequest signing = new SigningRequest(request.method(), request.path(), covered.get(), headers, body);
    String expected = signer.presignedSignature(signing, url.signedHeaders(), url.bodySigned(), url.xDate(),
        url.scope(), credential.secretKey(), url.region(), url.service());
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        url.signature().getBytes(StandardCharsets.US_ASCII));
  }

  /** The access key of a presigned URL, for {@link #assume}. */
  private Optional<AuthorizationHeader> presignedCredential(IncomingRequest request) {
    if (!PresignedUrl.carriedBy(request.query(), spec.presignedQuery())) {
      return Optional.empty();
    }
    return PresignedUrl.read(request.query(), spec.presignedQuery()).presigned().map(PresignedUrl::asAuthorization);
  }

  private void checkTimestamp(String xDate, AuthorizationHeader auth, Instant now) {
    Instant signedAt;
    try {
      signedAt = LocalDateTime.parse(xDate, X_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw Rejection.of(invalidTimestamp);
    }
    // X-Date has whole seconds: the clock is read at the same precision, so that the window is the
    // same on both sides (a fraction of the current second no longer lets 901 s ahead pass as 900).
    if (!xDate.startsWith(auth.date())
        || Math.abs(now.getEpochSecond() - signedAt.getEpochSecond()) > limits.clockSkewSeconds()) {
      throw Rejection.of(invalidTimestamp);
    }
  }

  private void verifySignature(IncomingRequest request, AuthorizationHeader auth, String xDate,
      CredentialsFile.Credential credential) {
    Map<String, String> signed = new TreeMap<>();
    for (String name : auth.signedHeaders()) {
      String value = request.header().apply(name);
      signed.put(name, value == null ? "" : value);
    }
    byte[] body = request.body();
    String declaredHash = request.header().apply(spec.contentHashHeader());
    // The signature covers the declared body hash, so the body itself must match it.
    if (declaredHash != null && !declaredHash.trim().equalsIgnoreCase(VolcengineSigner.sha256Hex(body))) {
      throw Rejection.of(signatureMismatch);
    }
    SigningRequest signing = new SigningRequest(request.method(), request.path(), request.query(), signed, body);
    // Any canonical form that Volcengine's own signers produce for this request is accepted.
    if (!signer.verifies(signing, auth.signedHeaders(), xDate, auth.scope(),
        credential.secretKey(), auth.region(), auth.service(), auth.signature())) {
      throw Rejection.of(signatureMismatch);
    }
  }

  /**
   * The checks after the timestamp, shared by both forms of the signature (header and presigned URL):
   * the scope's service, the access key's account, the signature ({@code verify}), then permission and
   * request rate, in the contract's order.
   */
  private Caller verifiedCaller(AuthorizationHeader auth, String action, WorldState world, Instant now,
      java.util.function.Consumer<CredentialsFile.Credential> verify) {
    if (!auth.service().equals(spec.service())) {
      throw Rejection.of(serviceNotFound, auth.service());
    }
    CredentialsFile.Credential credential = byAccessKey.get(auth.accessKey());
    Optional<AccountState> account = credential == null ? Optional.empty() : world.account(credential.accountId());
    if (account.isEmpty()) {
      throw Rejection.of(invalidAccessKey, auth.accessKey());
    }
    verify.accept(credential);
    Caller caller = new Caller(credential, account.get(), auth.region());
    checkPermissionAndRate(caller, action, now);
    return caller;
  }

  private void checkPermissionAndRate(Caller caller, String action, Instant now) {
    if (!caller.credential().mayCall(action)) {
      throw Rejection.of(accessDenied, spec.service() + ":" + action, "*");
    }
    Integer limit = caller.account().flowLimitPerSecond();
    if (limit != null && !flowLimiter.tryAcquire(caller.accessKey(), limit, now.toEpochMilli())) {
      throw Rejection.of(flowLimit);
    }
  }
}
