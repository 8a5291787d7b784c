package io.tmkit.server.http;

import io.tmkit.server.api.TrafficMirrorApi;
import io.tmkit.server.domain.CreateOutcome;
import io.tmkit.server.domain.CreateSessionRequest;
import io.tmkit.server.domain.Rejection;
import io.tmkit.server.domain.Tag;
import io.tmkit.server.domain.TrafficMirrorService;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The generated interface, implemented as a thin adapter: Jersey has converted the parameters and
 * {@link ValidatingInvoker} has run the parameters and tags stages on them; this turns the values
 * into a {@link CreateSessionRequest} and hands it to the {@link TrafficMirrorService}.
 * Constraints live on the interface only (redeclaring them here is an error, HV000151).
 */
public final class TrafficMirrorResource implements TrafficMirrorApi {
  private final ParameterStage parameters;
  private final TrafficMirrorService service;
  private final Envelopes envelopes;
  private final Answers answers;

  TrafficMirrorResource(ParameterStage parameters, TrafficMirrorService service, Envelopes envelopes, Answers answers) {
    this.parameters = parameters;
    this.service = service;
    this.envelopes = envelopes;
    this.answers = answers;
  }

  @Override
  public Response createTrafficMirrorSession(String action, String version, String networkInterfaceId,
      String trafficMirrorTargetId, Integer priority, String trafficMirrorFilterId, String trafficMirrorSessionName,
      String description, Integer virtualNetworkId, Integer packetLength, String projectName,
      String tags1Key, String tags1Value, String tags2Key, String tags2Value, String tags3Key, String tags3Value,
      String tags4Key, String tags4Value, String tags5Key, String tags5Value, String tags6Key, String tags6Value,
      String tags7Key, String tags7Value, String tags8Key, String tags8Value, String tags9Key, String tags9Value,
      String tags10Key, String tags10Value, String tags11Key, String tags11Value, String tags12Key,
      String tags12Value, String tags13Key, String tags13Value, String tags14Key, String tags14Value,
      String tags15Key, String tags15Value, String tags16Key, String tags16Value, String tags17Key,
      String tags17Value, String tags18Key, String tags18Value, String tags19Key, String tags19Value,
      String tags20Key, String tags20Value, String clientToken) {
    Exchange ex = Exchange.peek();
    // The parameters and tags stages have passed (ValidatingInvoker, before this call).
    // Tags come from the indexed parameters as one list; the forty arguments above are the same values.
    List<Tag> tags = !parameters.hasTags(ex.parameters) ? List.of()
        : parameters.tagsOf(ex.parameters).stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
    CreateSessionRequest create = new CreateSessionRequest(trafficMirrorSessionName, description,
        networkInterfaceId, trafficMirrorTargetId, priority, virtualNetworkId, packetLength,
        trafficMirrorFilterId, projectName, tags, clientToken);
    CompletableFuture<CreateOutcome> outcome;
    try {
      outcome = service.create(ex.caller.account(), create);
    } catch (Rejection rejection) {
      // Answered here: thrown out of a method Jersey calls by reflection, a rejection would be wrapped
      // twice (InvocationTargetException, MappableException), each with a stack trace, then mapped.
      return answers.error(rejection.violation());
    }
    if (outcome.isDone()) {
      return answer(ex, outcome);
    }
    // Not durable yet (--data): Jersey suspends the request when the entity is a CompletionStage (as
    // for a method that returns one) and resumes it with the answer on the thread that completes the
    // stage: the I/O thread of this request's connection, to which the store's writer hands the
    // answer once the commit is in. No thread waits meanwhile, so the creates of many connections
    // share one commit and one wake-up.
    Executor connectionThread = RequestTargetContainer.connectionThread(ex.context);
    CompletableFuture<Response> answered = new CompletableFuture<>();
    outcome.whenComplete((done, failure) -> connectionThread.execute(() -> {
      Exchange.adopt(ex);
      try {
        answered.complete(answer(ex, outcome));
      } catch (RuntimeException e) {
        answered.completeExceptionally(e);
      }
    }));
    return Response.ok(answered).build();
  }

  /** The answer to a finished create: its ID, or the documented error it ended with. */
  private Response answer(Exchange ex, CompletableFuture<CreateOutcome> outcome) {
    try {
      return envelopes.success(ex, outcome.join().trafficMirrorSessionId());
    } catch (CompletionException failed) {
      if (failed.getCause() instanceof Rejection rejection) {
        return answers.error(rejection.violation());
      }
      throw failed;
    }
  }
}
