package io.tmkit.server.domain;

import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorCatalog;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.EvaluationStage;
import io.tmkit.server.world.WorldSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The action itself, from the idempotency stage to the order stage of the contract's
 * {@code x-evaluation-order}. Knows nothing of HTTP: it takes a request whose syntax is already
 * checked and either returns the session's ID or throws a {@link Rejection} with a documented row.
 *
 * <p>The checks are data: an ordered list of (stage, row, condition), run first to last, so the
 * order in which they are declared is the order in which they are evaluated; {@link #plan()} exposes
 * it for the test that compares it with the contract.
 */
public final class TrafficMirrorService {
  static final String NETWORK_INTERFACE = "NetworkInterface";
  static final String CLB_INSTANCE = "ClbInstance";
  private static final Set<String> SOURCE_TYPES = Set.of("Primary", "Secondary");
  private static final String SECONDARY = "Secondary";
  private static final Set<String> USABLE_ENI_STATES = Set.of("Available", "InUse");
  private static final String AVAILABLE = "Available";
  private static final String CLB_ACTIVE = "Active";
  private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  /** One named check: answering {@code row} when {@code fails} holds for the attempt. */
  record Check(String stage, ErrorRow row, Predicate<Attempt> fails) {}

  /** What the checks look at, resolved once per request. */
  static final class Attempt {
    final AccountState account;
    final CreateSessionRequest request;
    final WorldSpec.NetworkInterface source;
    final WorldSpec.Instance sourceInstance;
    final WorldSpec.TrafficMirrorTarget target;
    final WorldSpec.TrafficMirrorFilter filter;

    Attempt(AccountState account, CreateSessionRequest request) {
      this.account = account;
      this.request = request;
      this.source = account.networkInterface(request.networkInterfaceId());
      this.sourceInstance = source == null ? null : account.instance(source.instanceId());
      this.target = account.target(request.trafficMirrorTargetId());
      this.filter = account.filter(request.trafficMirrorFilterId());
    }

    boolean targetIsInterface() {
      return NETWORK_INTERFACE.equals(target.instanceType());
    }

    WorldSpec.NetworkInterface targetInterface() {
      return targetIsInterface() ? account.networkInterface(target.instanceId()) : null;
    }

    SessionIndex sessions() {
      return account.sessions();
    }
  }

  private final SessionStore store;
  private final ErrorCatalog catalog;
  private final ErrorRow processing;
  private final ErrorRow mismatch;
  private final List<Check> checks;
  private final ErrorRow orderError;
  private final ErrorRow internalError;
  private final long minimumFunds;
  private final int maxVirtualNetworkId;

  /** A service whose sessions live in memory only. */
  public TrafficMirrorService(Contract contract) {
    this(contract, SessionStore.inMemory());
  }

  /** {@code store}: where each create is made durable before it is answered. */
  public TrafficMirrorService(Contract contract, SessionStore store) {
    this.store = store;
    this.catalog = contract.errors();
    this.processing = catalog.only("IdempotentProcessing");
    this.mismatch = catalog.only("IdempotentParameterMismatch");
    this.orderError = catalog.only("OrderError");
    this.internalError = catalog.only("InternalError");
    ErrorRow lowFunds = catalog.rowContaining("UnsupportedOperation", "balance");
    this.minimumFunds = yuanIn(lowFunds);
    this.maxVirtualNetworkId = contract.requireParameter("VirtualNetworkId").maximum().intValue();
    this.checks = List.of(
        check("account", catalog.rowContaining("UnsupportedOperation", "arrears"), a -> a.account.billing().inArrears()),
        check("account", lowFunds, a -> a.account.billing().balance() + a.account.billing().vouchers() < minimumFunds),
        check("account", catalog.only("Forbidden.PurchaseLimited"), a -> !a.account.billing().purchaseAllowed()),

        check("existence", catalog.only("InvalidProject.NotFound"), a -> !a.account.hasProject(a.request.projectName())),
        check("existence", catalog.only("InvalidNetworkInterfaceId.NotFound"), a -> a.source == null),
        check("existence", catalog.only("InvalidTrafficMirrorTarget.NotFound"), a -> a.target == null),
        check("existence", catalog.only("InvalidEniId.NotFound"), a -> a.targetIsInterface() && a.targetInterface() == null),
        check("existence", catalog.only("InvalidTrafficMirrorFilter.NotFound"), a -> a.filter == null),

        check("resourceState", catalog.only("Forbidden"), a -> a.source.serviceManaged()),
        check("resourceState", catalog.only("InvalidEni.InvalidType"), a -> !SOURCE_TYPES.contains(a.source.type())),
        check("resourceState", catalog.only("InvalidEni.InvalidStatus"), a -> !USABLE_ENI_STATES.contains(a.source.status())),
        check("resourceState", catalog.only("InvalidEni.InstanceMismatch"),
            a -> SECONDARY.equals(a.source.type()) && a.sourceInstance == null),
        check("resourceState", catalog.only("InvalidInstanceSpecification.Malformed"),
            a -> a.sourceInstance != null && !a.sourceInstance.supportsTrafficMirror()),
        check("resourceState", catalog.only("InvalidTrafficMirrorTarget.InvalidStatus"), a -> !AVAILABLE.equals(a.target.status())),
        check("resourceState", catalog.only("InvalidTrafficMirrorTarget.InvalidInstance"), TrafficMirrorService::targetCannotReceive),
        check("resourceState", catalog.only("InvalidTrafficMirrorFilter.InvalidStatus"), a -> !AVAILABLE.equals(a.filter.status())),

        check("conflicts", catalog.only("InvalidParameter.NetworkInterfaceId"),
            a -> a.account.standsBehindTarget(a.request.networkInterfaceId())),
        check("conflicts", catalog.only("InvalidTrafficMirrorSessionPriority.Conflict"),
            a -> a.sessions().priorityTaken(a.request.priority())),

        check("quotas", quotaRow("TrafficMirrorSession"),
            a -> a.sessions().total() >= a.account.quota("TrafficMirrorSession")),
        check("quotas", quotaRow("TrafficMirrorSourceSession"),
            a -> a.sessions().ofSource(a.request.networkInterfaceId()) >= a.account.quota("TrafficMirrorSourceSession")),
        check("quotas", quotaRow("TrafficMirrorTargetSession"),
            a -> a.sessions().ofTarget(a.request.trafficMirrorTargetId()) >= a.account.quota("TrafficMirrorTargetSession")),
        check("quotas", quotaRow("TrafficMirrorTargetSource"),
            a -> !a.sessions().targetMirrors(a.request.trafficMirrorTargetId(), a.request.networkInterfaceId())
                && a.sessions().sourcesOfTarget(a.request.trafficMirrorTargetId()) >= a.account.quota("TrafficMirrorTargetSource")),
        check("quotas", quotaRow("TrafficMirrorFilterSession"),
            a -> a.sessions().ofFilter(a.request.trafficMirrorFilterId()) >= a.account.quota("TrafficMirrorFilterSession")),

        check("order", orderError, a -> a.account.billing().orderFails()));
  }

  /** The stages this service evaluates and the codes each can answer, in evaluation order. */
  public List<EvaluationStage> plan() {
    Map<String, List<String>> stages = new LinkedHashMap<>();
    stages.put("idempotency", List.of(processing.code(), mismatch.code()));
    for (Check c : checks) {
      List<String> codes = stages.computeIfAbsent(c.stage(), s -> new ArrayList<>());
      if (!codes.contains(c.row().code())) {
        codes.add(c.row().code());
      }
    }
    stages.computeIfAbsent("order", s -> new ArrayList<>()).add(internalError.code());
    return stages.entrySet().stream().map(e -> new EvaluationStage(e.getKey(), List.copyOf(e.getValue()))).toList();
  }

  /**
   * Creates a session, or answers from the ClientToken ledger. The token is marked in flight before
   * the account's processing delay, and every check from the account stage on runs under the
   * account's lock together with the insert into the in-memory index, so parallel requests cannot
   * both pass a check that only one of them may pass. A rejection up to there is thrown at once.
   *
   * <p>The outcome completes once the store has made the session durable (at once in memory; for
   * SQLite when the transaction holding it commits, on the store's writer thread), so no thread waits
   * for the commit and the account's other creates join the same one. Only then is the token
   * recorded, so a retry meanwhile gets IdempotentProcessing, never an ID that a crash could still
   * take back. A session the store cannot keep is taken out again and the outcome fails with
   * InternalError; a fault injected after the create fails it with its code. Those failures are a
   * {@link Rejection} inside a {@link java.util.concurrent.CompletionException}.
   */
  public CompletableFuture<CreateOutcome> create(AccountState account, CreateSessionRequest request) {
    String token = request.clientToken();
    CreateSessionRequest fingerprint = request.withoutToken();
    if (token != null) {
      Optional<CreateOutcome> replay = admitToken(account, token, fingerprint);
      if (replay.isPresent()) {
        return CompletableFuture.completedFuture(replay.get());
      }
    }
    boolean handedOver = false;
    try {
      pause(account.processingDelayMs());
      TrafficMirrorSession session;
      account.lock().lock();
      try {
        Attempt attempt = new Attempt(account, request);
        for (Check c : checks) {
          if (c.fails().test(attempt)) {
            throw Rejection.of(c.row());
          }
        }
        // The order stage's last answer: a failure of the server's own (injected), before anything exists.
        injectedFault(account, FaultPlan.BEFORE_CREATE);
        session = newSession(account, request);
        account.sessions().add(session);
      } finally {
        account.lock().unlock();
      }
      CompletableFuture<Void> durable = store.save(account.generation(),
          new SessionStore.Stored(account.accountId(), session, token == null ? null : fingerprint));
      CompletableFuture<CreateOutcome> outcome =
          durable.handle((ignored, failure) -> afterCommit(account, session, token, fingerprint, failure));
      handedOver = true;
      return outcome;
    } finally {
      if (token != null && !handedOver) {
        abandon(account, token);
      }
    }
  }

  /**
   * The create's end, once the store has answered: the token recorded, or (the commit failed) the
   * session taken out again. Runs on the thread that completed the commit.
   */
  private CreateOutcome afterCommit(AccountState account, TrafficMirrorSession session, String token,
      CreateSessionRequest fingerprint, Throwable failure) {
    boolean recorded = false;
    try {
      account.lock().lock();
      try {
        if (failure != null) {
          // Not durable: the session never existed.
          account.sessions().remove(session);
          throw Rejection.of(internalError);
        }
        if (token != null) {
          account.ledger().record(token, fingerprint, session.trafficMirrorSessionId());
          recorded = true;
        }
        // A fault after the insert stands for a response lost on the way: the session exists.
        injectedFault(account, FaultPlan.AFTER_CREATE);
        return new CreateOutcome(session.trafficMirrorSessionId(), false);
      } finally {
        account.lock().unlock();
      }
    } finally {
      if (token != null && !recorded) {
        abandon(account, token);
      }
    }
  }

  private static void abandon(AccountState account, String token) {
    account.lock().lock();
    try {
      account.ledger().abandon(token);
    } finally {
      account.lock().unlock();
    }
  }

  /** The idempotency stage: a replay, a rejection, or (empty) a token now in flight. */
  private Optional<CreateOutcome> admitToken(AccountState account, String token, CreateSessionRequest fingerprint) {
    account.lock().lock();
    try {
      Optional<ClientTokenLedger.Entry> entry = account.ledger().find(token);
      if (entry.isEmpty()) {
        account.ledger().begin(token, fingerprint);
        return Optional.empty();
      }
      if (entry.get() instanceof ClientTokenLedger.InFlight) {
        throw Rejection.of(processing);
      }
      if (!entry.get().request().equals(fingerprint)) {
        throw Rejection.of(mismatch);
      }
      return Optional.of(new CreateOutcome(((ClientTokenLedger.Recorded) entry.get()).trafficMirrorSessionId(), true));
    } finally {
      account.lock().unlock();
    }
  }

  /** Arms a fault: {@code code} must be a documented code with one row. */
  public void injectFault(AccountState account, String code, String phase, int times) {
    catalog.only(code);
    account.lock().lock();
    try {
      account.faults().add(code, phase, times);
    } finally {
      account.lock().unlock();
    }
  }

  /** The account's sessions, each with its status as of now. */
  public List<TrafficMirrorSession> sessions(AccountState account, long activationDelayMs) {
    List<TrafficMirrorSession> all;
    account.lock().lock();
    try {
      all = account.sessions().all();
    } finally {
      account.lock().unlock();
    }
    long now = System.currentTimeMillis();
    return all.stream()
        .map(s -> TrafficMirrorSession.CREATING.equals(s.status()) && now - s.createdAtMillis() >= activationDelayMs
            ? s.withStatus(TrafficMirrorSession.ACTIVE) : s)
        .toList();
  }

  private void injectedFault(AccountState account, String phase) {
    Optional<String> code = account.faults().take(phase);
    if (code.isPresent()) {
      throw Rejection.of(catalog.only(code.get()));
    }
  }

  private TrafficMirrorSession newSession(AccountState account, CreateSessionRequest r) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String id;
    do {
      StringBuilder b = new StringBuilder("tms-");
      for (int i = 0; i < 20; i++) {
        b.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
      }
      id = b.toString();
    } while (account.sessions().contains(id));
    int vni = r.virtualNetworkId() != null ? r.virtualNetworkId() : random.nextInt(maxVirtualNetworkId + 1);
    return new TrafficMirrorSession(id,
        r.trafficMirrorSessionName() != null ? r.trafficMirrorSessionName() : id,
        r.description() != null ? r.description() : "",
        r.networkInterfaceId(), r.trafficMirrorTargetId(), r.trafficMirrorFilterId(), r.priority(), vni,
        r.packetLength(), r.projectName(), r.tags(), TrafficMirrorSession.CREATING, System.currentTimeMillis(),
        r.clientToken());
  }

  private static boolean targetCannotReceive(Attempt a) {
    if (a.targetIsInterface()) {
      return !USABLE_ENI_STATES.contains(a.targetInterface().status());
    }
    if (CLB_INSTANCE.equals(a.target.instanceType())) {
      WorldSpec.ClbInstance clb = a.account.clbInstance(a.target.instanceId());
      return clb == null || !CLB_ACTIVE.equals(clb.status());
    }
    return true;
  }

  private ErrorRow quotaRow(String quotaName) {
    // The contract names each quota after the code that reports it (x-quota-defaults keys).
    return catalog.only("QuotaExceeded." + quotaName);
  }

  private static Check check(String stage, ErrorRow row, Predicate<Attempt> fails) {
    return new Check(stage, row, fails);
  }

  /** The threshold of the low-funds row is the amount its documented message names. */
  private static long yuanIn(ErrorRow row) {
    Matcher m = Pattern.compile("(\\d+) yuan").matcher(row.message());
    if (!m.find()) {
      throw new IllegalStateException("the low-funds row names no amount: " + row.message());
    }
    return Long.parseLong(m.group(1));
  }

  private static void pause(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
