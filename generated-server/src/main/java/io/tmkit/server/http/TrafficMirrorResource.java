package io.tmkit.server.http;

import io.tmkit.contract.Violation;
import io.tmkit.server.api.TrafficMirrorApi;
import io.tmkit.server.domain.CreateOutcome;
import io.tmkit.server.domain.CreateSessionRequest;
import io.tmkit.server.domain.Rejection;
import io.tmkit.server.domain.Tag;
import io.tmkit.server.domain.TrafficMirrorService;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The generated interface, implemented as a thin adapter: Jersey has converted and validated the
 * parameters against the generated constraints; this finishes the parameters and tags stages, turns
 * the values into a {@link CreateSessionRequest} and hands it to the {@link TrafficMirrorService}.
 * Constraints live on the interface only (redeclaring them here is an error, HV000151).
 */
public final class TrafficMirrorResource implements TrafficMirrorApi {
  private final ParameterStage parameters;
  private final TrafficMirrorService service;
  private final Envelopes envelopes;

  public TrafficMirrorResource(ParameterStage parameters, TrafficMirrorService service, Envelopes envelopes) {
    this.parameters = parameters;
    this.service = service;
    this.envelopes = envelopes;
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
    // Bean validation found nothing; what remains is what it cannot see (names, types, tag-list rules).
    Optional<Violation> fault = parameters.firstFault(ex.parameters, Set.of());
    if (fault.isPresent()) {
      throw new Rejection(fault.get());
    }
    // Tags come from the indexed parameters as one list; the forty arguments above are the same values.
    List<Tag> tags = !parameters.hasTags(ex.parameters) ? List.of()
        : parameters.tagsOf(ex.parameters).stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
    CreateSessionRequest create = new CreateSessionRequest(trafficMirrorSessionName, description,
        networkInterfaceId, trafficMirrorTargetId, priority, virtualNetworkId, packetLength,
        trafficMirrorFilterId, projectName, tags, clientToken);
    CreateOutcome outcome = service.create(ex.caller.account(), create);
    return envelopes.success(ex, outcome.trafficMirrorSessionId());
  }
}
