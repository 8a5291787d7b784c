package io.tmkit.conformance.resolve;

import io.tmkit.conformance.cases.ConformanceCase;
import io.tmkit.conformance.cases.Param;
import io.tmkit.conformance.cases.Precondition;
import io.tmkit.conformance.cases.RequestTemplate;
import io.tmkit.conformance.cases.Signing;
import io.tmkit.conformance.cases.WireTemplate;
import io.tmkit.conformance.fixtures.AccessKeyFixture;
import io.tmkit.conformance.fixtures.Fixtures;
import io.tmkit.contract.Contract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a case's placeholders for one world. Placeholders:
 * <ul>
 *   <li>{@code ${source.ok}}: a role of the account of the request's access key;
 *       {@code ${demo:source.ok}}: a role of a named account;</li>
 *   <li>{@code ${contract.Action}}, {@code ${contract.Version}}, {@code ${contract.service}},
 *       {@code ${contract.clockSkewSeconds}} (and {@code +1}, the first second past it): from the contract;</li>
 *   <li>{@code ${repeat:TEXT:N}}: TEXT written N times; N may be {@code maxQueryStringBytes}, the
 *       contract's limit (so that a value alone fills the query string past it);</li>
 *   <li>{@code ${token:NAME}}: a ClientToken unique to this run (the same for every use of NAME in it);
 *       {@code ${token:NAME:LEN}}: the same, padded or cut to LEN characters.</li>
 * </ul>
 * A role whose fixture value is a range {@code a-b} gets a new number for each case run and keeps it
 * within the run, so that a precondition and the case's request agree on it.
 */
public final class Resolver {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)");

  private final Contract contract;
  private final Fixtures fixtures;
  private final String nonce;
  private final Map<String, AtomicInteger> nextInRange = new ConcurrentHashMap<>();
  private final AtomicInteger runs = new AtomicInteger();
  private final int rangeOffset;
  private final Occupancy occupancy;
  private final Map<String, Boolean> exhausted = new ConcurrentHashMap<>();

  /**
   * Whether a number of a range role is already taken on the target (a priority an earlier run's
   * session holds). Asked only for a target that is never reset; {@link #NONE} answers "free".
   */
  public interface Occupancy {
    boolean taken(String account, String role, String value);
  }

  public static final Occupancy NONE = (account, role, value) -> false;

  /**
   * @param nonce makes tokens unique to a run of the suite and of each case (empty: the plain
   *     {@code tmkit-NAME}, as in the exported cases)
   * @param rangeOffset where each range starts handing out numbers (0: from its first value)
   */
  public Resolver(Contract contract, Fixtures fixtures, String nonce, int rangeOffset) {
    this(contract, fixtures, nonce, rangeOffset, NONE);
  }

  /** @param occupancy asked before a range role's number is handed out; a taken one is passed over */
  public Resolver(Contract contract, Fixtures fixtures, String nonce, int rangeOffset, Occupancy occupancy) {
    this.contract = contract;
    this.fixtures = fixtures;
    this.nonce = nonce;
    this.rangeOffset = rangeOffset;
    this.occupancy = occupancy;
  }

  public Fixtures fixtures() {
    return fixtures;
  }

  public Contract contract() {
    return contract;
  }

  /**
   * Resolves one run of a case. Throws {@link MissingFixture} when the fixtures lack a role or
   * access key that the case needs.
   */
  public ResolvedCase resolve(ConformanceCase c) {
    return resolve(c, new Run(c.id()));
  }

  /**
   * What a case asks of the fixtures, in the order it asks: {@code accessKey ROLE}, {@code
   * ACCOUNT:ROLE}, {@code ACCOUNT:accountId} (up to the first one missing, when one is).
   */
  public java.util.Set<String> needs(ConformanceCase c) {
    Run run = new Run(c.id());
    try {
      resolve(c, run);
    } catch (MissingFixture e) {
      // what it asked for up to there is recorded
    }
    return run.asked;
  }

  private ResolvedCase resolve(ConformanceCase c, Run run) {
    List<ResolvedPrecondition> pre = new ArrayList<>();
    for (Precondition p : c.preconditions()) {
      if (p instanceof Precondition.PriorRequest prior) {
        pre.add(new ResolvedPrecondition.PriorRequest(prior.as(), run.request(prior.request()), prior.expectStatus()));
      } else if (p instanceof Precondition.InFlight inFlight) {
        pre.add(new ResolvedPrecondition.InFlight(run.request(inFlight.request()), inFlight.settleMs()));
      } else if (p instanceof Precondition.Stalled stalled) {
        pre.add(new ResolvedPrecondition.Stalled(run.request(stalled.request()), stalled.connections(),
            stalled.settleMs()));
      } else if (p instanceof Precondition.Fault fault) {
        run.asked.add(fault.accountRole() + ":accountId");
        String accountId = fixtures.accountId(fault.accountRole())
            .orElseThrow(() -> new MissingFixture("fixtures give no accountId for account " + fault.accountRole()));
        pre.add(new ResolvedPrecondition.Fault(accountId, fault.code(), fault.phase(), fault.times()));
      }
    }
    ResolvedRequest request = run.request(c.request());
    String message = null;
    if (c.expect().row() != null) {
      String account = request.accessKey().account();
      Object[] args = c.expect().args().stream().map(a -> run.fill(a, account)).toArray();
      message = c.expect().row().format(args);
    }
    String accountId = fixtures.accessKey(c.request().accessKeyRole())
        .flatMap(k -> fixtures.accountId(k.account())).orElse(null);
    return new ResolvedCase(c, pre, request, c.expect().status(), c.expect().row(), message, accountId);
  }

  /** The state of one case run: the numbers its range roles got. */
  private final class Run {
    private final String caseId;
    private final Map<String, String> allocated = new HashMap<>();
    private final String tokenSuffix;
    private final java.util.Set<String> asked = new java.util.LinkedHashSet<>();

    Run(String caseId) {
      this.caseId = caseId;
      // Each run of a case gets its own tokens, so that a world that is not reset between runs does
      // not turn the second run's first request into a replay of the first run's.
      this.tokenSuffix = nonce.isEmpty() ? "" : "-" + nonce + runs.incrementAndGet();
    }

    ResolvedRequest request(RequestTemplate t) {
      asked.add("accessKey " + t.accessKeyRole());
      AccessKeyFixture key = fixtures.accessKey(t.accessKeyRole())
          .orElseThrow(() -> new MissingFixture("fixtures give no access key " + t.accessKeyRole()));
      String account = key.account();
      List<Map.Entry<String, String>> params = new ArrayList<>();
      for (Param p : t.params()) {
        params.add(Map.entry(fill(p.name(), account), fill(p.value(), account)));
      }
      String raw = t.rawQuery() == null ? null : fill(t.rawQuery(), account);
      Map<String, String> options = new HashMap<>();
      t.signing().options().forEach((k, v) -> options.put(k, fill(v, account)));
      return new ResolvedRequest(t.method(), key, new Signing(t.signing().kind(), options), params, raw, t.formBody(),
          t.wire() == null ? null : wire(t.wire(), account));
    }

    private ResolvedWire wire(WireTemplate w, String account) {
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      for (Param h : w.headers()) {
        headers.add(Map.entry(fill(h.name(), account), fill(h.value(), account)));
      }
      return new ResolvedWire(fillOrNull(w.version(), account), fillOrNull(w.target(), account),
          fillOrNull(w.host(), account), headers, w.omit(), fillOrNull(w.body(), account),
          fillOrNull(w.bytes(), account), w.then() == null ? null : request(w.then()), w.stallAfter(), w.trickleMs(),
          w.corpus());
    }

    private String fillOrNull(String text, String account) {
      return text == null ? null : fill(text, account);
    }

    String fill(String text, String account) {
      Matcher m = PLACEHOLDER.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), account)));
      }
      m.appendTail(out);
      return out.toString();
    }

    private String value(String name, String account) {
      if (name.startsWith("contract.")) {
        return switch (name) {
          case "contract.Action" -> contract.onlyValueOf("Action");
          case "contract.Version" -> contract.onlyValueOf("Version");
          case "contract.service" -> contract.signing().service();
          case "contract.clockSkewSeconds" -> String.valueOf(contract.limits().clockSkewSeconds());
          case "contract.clockSkewSeconds+1" -> String.valueOf(contract.limits().clockSkewSeconds() + 1);
          default -> throw new IllegalArgumentException(caseId + ": unknown placeholder ${" + name + "}");
        };
      }
      if (name.startsWith("repeat:")) {
        int colon = name.lastIndexOf(':');
        String count = name.substring(colon + 1);
        int times = count.equals("maxQueryStringBytes") ? contract.limits().maxQueryStringBytes() : Integer.parseInt(count);
        return name.substring("repeat:".length(), colon).repeat(times);
      }
      if (name.startsWith("token:")) {
        String[] parts = name.split(":");
        String token = "tmkit-" + parts[1] + tokenSuffix;
        if (parts.length > 2) {
          // A token of an exact length: padded with the ends of printable ASCII, or cut.
          int length = Integer.parseInt(parts[2]);
          StringBuilder padded = new StringBuilder(token);
          while (padded.length() < length) {
            padded.append(padded.length() % 2 == 0 ? '!' : '~');
          }
          token = padded.substring(0, length);
        }
        return token;
      }
      int colon = name.indexOf(':');
      String inAccount = colon < 0 ? account : name.substring(0, colon);
      String role = colon < 0 ? name : name.substring(colon + 1);
      return role(inAccount, role);
    }

    private String role(String account, String role) {
      String key = account + ":" + role;
      String known = allocated.get(key);
      if (known != null) {
        return known;
      }
      asked.add(account + ":" + role);
      String value = fixtures.role(account, role)
          .orElseThrow(() -> new MissingFixture("fixtures give no role " + role + " for account " + account));
      Matcher range = RANGE.matcher(value);
      if (range.matches()) {
        long low = Long.parseLong(range.group(1));
        long size = Long.parseLong(range.group(2)) - low + 1;
        AtomicInteger next = nextInRange.computeIfAbsent(key, k -> new AtomicInteger(rangeOffset));
        // Pass over the numbers the target says are taken, at most once round the range; when every
        // one is taken the last is handed out anyway (the case then meets the state and says so).
        int tries = exhausted.containsKey(key) ? 1 : (int) Math.min(size, 1000);
        do {
          value = String.valueOf(low + Math.floorMod(next.getAndIncrement(), size));
        } while (--tries > 0 && occupancy.taken(account, role, value));
        if (tries == 0 && occupancy != NONE) {
          exhausted.put(key, true);
        }
      }
      allocated.put(key, value);
      return value;
    }
  }
}
