package io.tmkit.conformance.cases;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One conformance case, read from a family file under {@code cases/}: a documented answer to one
 * request in one world state. {@code notOnClient} says why a typed client cannot send the request
 * (so the case does not apply to the {@code client} surface although its row is a seed row).
 */
public record ConformanceCase(
    String id,
    String family,
    String documentation,
    Set<Surface> appliesTo,
    Set<String> tags,
    List<Precondition> preconditions,
    RequestTemplate request,
    Expectation expect,
    String notOnClient,
    String source) {

  public static final String SAFE = "safe";
  public static final String SMOKE = "smoke";

  public ConformanceCase {
    Objects.requireNonNull(id, "id");
    appliesTo = Set.copyOf(appliesTo);
    tags = Set.copyOf(tags);
    preconditions = List.copyOf(preconditions);
  }

  public boolean appliesTo(Surface surface) {
    return appliesTo.contains(surface);
  }

  public boolean isSafe() {
    return tags.contains(SAFE);
  }

  public boolean hasTag(String tag) {
    return tags.contains(tag);
  }

  /**
   * True when the case can create a resource: it expects a success, or it needs a precondition (prior
   * requests create, and a request that a fault was meant to stop creates if the fault is not there),
   * or it counts the sessions created (it watches for a create that a server getting it wrong would
   * perform), or it sends a second request on the connection (a create that must not run).
   */
  public boolean canCreate() {
    return expect.isSuccess() || !preconditions.isEmpty() || expect.sessionsCreated() != null
        || (request.wire() != null && request.wire().then() != null);
  }
}
