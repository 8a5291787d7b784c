package io.tmkit.server.domain;

import java.util.List;
import java.util.Objects;

/**
 * A request that passed the syntax stages: every value has the form the contract requires. Optional
 * values are null when absent, except those with a documented default (PacketLength, ProjectName),
 * which the HTTP layer fills in.
 */
public record CreateSessionRequest(
    String trafficMirrorSessionName,
    String description,
    String networkInterfaceId,
    String trafficMirrorTargetId,
    int priority,
    Integer virtualNetworkId,
    int packetLength,
    String trafficMirrorFilterId,
    String projectName,
    List<Tag> tags,
    String clientToken) {

  public CreateSessionRequest {
    Objects.requireNonNull(networkInterfaceId, "networkInterfaceId");
    Objects.requireNonNull(trafficMirrorTargetId, "trafficMirrorTargetId");
    Objects.requireNonNull(trafficMirrorFilterId, "trafficMirrorFilterId");
    Objects.requireNonNull(projectName, "projectName");
    tags = List.copyOf(tags);
  }

  /**
   * What the ClientToken ledger compares: every parameter but the token, tags as a list. Effective
   * values are compared, so an omitted PacketLength equals an explicit 1500 (its default).
   */
  public CreateSessionRequest withoutToken() {
    return clientToken == null ? this : new CreateSessionRequest(trafficMirrorSessionName, description,
        networkInterfaceId, trafficMirrorTargetId, priority, virtualNetworkId, packetLength,
        trafficMirrorFilterId, projectName, tags, null);
  }
}
