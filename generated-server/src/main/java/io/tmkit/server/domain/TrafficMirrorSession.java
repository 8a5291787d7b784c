package io.tmkit.server.domain;

import java.util.List;

/**
 * A traffic mirror session as the world holds it. Immutable: a snapshot taken by the admin API
 * carries the status at the moment of the snapshot ({@code Creating} until the world's activation
 * delay has passed, then {@code Active}). {@code clientToken} is the token it was created with (null
 * without one, and for a preloaded session): the API never answers it, the admin API lists it so that
 * a test can see the exact bytes a client sent.
 */
public record TrafficMirrorSession(
    String trafficMirrorSessionId,
    String trafficMirrorSessionName,
    String description,
    String networkInterfaceId,
    String trafficMirrorTargetId,
    String trafficMirrorFilterId,
    int priority,
    int virtualNetworkId,
    int packetLength,
    String projectName,
    List<Tag> tags,
    String status,
    long createdAtMillis,
    String clientToken) {

  public static final String CREATING = "Creating";
  public static final String ACTIVE = "Active";

  public TrafficMirrorSession {
    tags = List.copyOf(tags);
  }

  TrafficMirrorSession withStatus(String newStatus) {
    return new TrafficMirrorSession(trafficMirrorSessionId, trafficMirrorSessionName, description,
        networkInterfaceId, trafficMirrorTargetId, trafficMirrorFilterId, priority, virtualNetworkId,
        packetLength, projectName, tags, newStatus, createdAtMillis, clientToken);
  }
}
