package io.tmkit.client;

import io.tmkit.contract.Contract;
import io.tmkit.contract.ParameterRule;
import io.tmkit.contract.TagListRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of one CreateTrafficMirrorSession call, as a caller thinks of them: typed fields and
 * tags as a list. Immutable; null means "not sent". {@link #parameters(Contract)} folds it into the
 * wire parameters, named and ordered by the contract.
 */
public final class CreateTrafficMirrorSessionRequest {
  private final String networkInterfaceId;
  private final String trafficMirrorTargetId;
  private final String trafficMirrorFilterId;
  private final Integer priority;
  private final String trafficMirrorSessionName;
  private final String description;
  private final Integer virtualNetworkId;
  private final Integer packetLength;
  private final String projectName;
  private final String clientToken;
  private final List<Tag> tags;

  private CreateTrafficMirrorSessionRequest(Builder b) {
    this.networkInterfaceId = b.networkInterfaceId;
    this.trafficMirrorTargetId = b.trafficMirrorTargetId;
    this.trafficMirrorFilterId = b.trafficMirrorFilterId;
    this.priority = b.priority;
    this.trafficMirrorSessionName = b.trafficMirrorSessionName;
    this.description = b.description;
    this.virtualNetworkId = b.virtualNetworkId;
    this.packetLength = b.packetLength;
    this.projectName = b.projectName;
    this.clientToken = b.clientToken;
    this.tags = List.copyOf(b.tags);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.networkInterfaceId = networkInterfaceId;
    b.trafficMirrorTargetId = trafficMirrorTargetId;
    b.trafficMirrorFilterId = trafficMirrorFilterId;
    b.priority = priority;
    b.trafficMirrorSessionName = trafficMirrorSessionName;
    b.description = description;
    b.virtualNetworkId = virtualNetworkId;
    b.packetLength = packetLength;
    b.projectName = projectName;
    b.clientToken = clientToken;
    b.tags.addAll(tags);
    return b;
  }

  /** The same request with the given ClientToken (the client fills one in when absent). */
  public CreateTrafficMirrorSessionRequest withClientToken(String token) {
    return toBuilder().clientToken(token).build();
  }

  public String networkInterfaceId() { return networkInterfaceId; }
  public String trafficMirrorTargetId() { return trafficMirrorTargetId; }
  public String trafficMirrorFilterId() { return trafficMirrorFilterId; }
  public Integer priority() { return priority; }
  public String trafficMirrorSessionName() { return trafficMirrorSessionName; }
  public String description() { return description; }
  public Integer virtualNetworkId() { return virtualNetworkId; }
  public Integer packetLength() { return packetLength; }
  public String projectName() { return projectName; }
  public String clientToken() { return clientToken; }
  public List<Tag> tags() { return tags; }

  /**
   * The wire parameters in the contract's parameter order: {@code Action} and {@code Version} with
   * their one documented value, each field present in this request, and the tags folded into the
   * contract's indexed list parameters (the first tag is index 1). A null tag key or value is left out.
   */
  public List<Map.Entry<String, String>> parameters(Contract contract) {
    Map<String, String> byName = new LinkedHashMap<>();
    byName.put("Action", contract.onlyValueOf("Action"));
    byName.put("Version", contract.onlyValueOf("Version"));
    byName.put("TrafficMirrorSessionName", trafficMirrorSessionName);
    byName.put("Description", description);
    byName.put("NetworkInterfaceId", networkInterfaceId);
    byName.put("TrafficMirrorTargetId", trafficMirrorTargetId);
    byName.put("Priority", priority == null ? null : priority.toString());
    byName.put("VirtualNetworkId", virtualNetworkId == null ? null : virtualNetworkId.toString());
    byName.put("PacketLength", packetLength == null ? null : packetLength.toString());
    byName.put("TrafficMirrorFilterId", trafficMirrorFilterId);
    byName.put("ProjectName", projectName);
    byName.put("ClientToken", clientToken);
    TagListRule tagList = contract.tagList();
    for (int i = 0; i < tags.size(); i++) {
      Tag tag = tags.get(i);
      byName.put(tagParameter(tagList, i + 1, tagList.keyRule()), tag.key());
      byName.put(tagParameter(tagList, i + 1, tagList.valueRule()), tag.value());
    }

    // The field-to-name table above is the one hand-written link to the wire: a name that leaves the
    // contract fails here, loudly, instead of being sent.
    byName.keySet().stream().filter(name -> !tagList.owns(name)).forEach(contract::requireParameter);

    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (ParameterRule p : contract.parameters()) {
      String value = byName.remove(p.name());
      if (value != null) {
        out.add(Map.entry(p.name(), value));
      }
    }
    // Names the contract does not list (a tag past its last indexed parameter) are kept, so that the
    // client answers them with the contract's error (LimitExceeded.Tags) instead of dropping them.
    byName.forEach((name, value) -> {
      if (value != null) {
        out.add(Map.entry(name, value));
      }
    });
    return List.copyOf(out);
  }

  /** {@code Tags.N.Key}: the list's name, the index and the field of the contract's item parameter. */
  private static String tagParameter(TagListRule list, int index, ParameterRule item) {
    return list.name() + "." + index + "." + item.listItem().field();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CreateTrafficMirrorSessionRequest r
        && Objects.equals(networkInterfaceId, r.networkInterfaceId)
        && Objects.equals(trafficMirrorTargetId, r.trafficMirrorTargetId)
        && Objects.equals(trafficMirrorFilterId, r.trafficMirrorFilterId)
        && Objects.equals(priority, r.priority)
        && Objects.equals(trafficMirrorSessionName, r.trafficMirrorSessionName)
        && Objects.equals(description, r.description)
        && Objects.equals(virtualNetworkId, r.virtualNetworkId)
        && Objects.equals(packetLength, r.packetLength)
        && Objects.equals(projectName, r.projectName)
        && Objects.equals(clientToken, r.clientToken)
        && tags.equals(r.tags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(networkInterfaceId, trafficMirrorTargetId, trafficMirrorFilterId, priority,
        trafficMirrorSessionName, description, virtualNetworkId, packetLength, projectName, clientToken, tags);
  }

  @Override
  public String toString() {
    return "CreateTrafficMirrorSessionRequest[networkInterfaceId=" + networkInterfaceId
        + ", trafficMirrorTargetId=" + trafficMirrorTargetId + ", trafficMirrorFilterId=" + trafficMirrorFilterId
        + ", priority=" + priority + ", clientToken=" + clientToken + ", tags=" + tags + "]";
  }

  public static final class Builder {
    private String networkInterfaceId;
    private String trafficMirrorTargetId;
    private String trafficMirrorFilterId;
    private Integer priority;
    private String trafficMirrorSessionName;
    private String description;
    private Integer virtualNetworkId;
    private Integer packetLength;
    private String projectName;
    private String clientToken;
    private final List<Tag> tags = new ArrayList<>();

    private Builder() {}

    public Builder networkInterfaceId(String v) { this.networkInterfaceId = v; return this; }
    public Builder trafficMirrorTargetId(String v) { this.trafficMirrorTargetId = v; return this; }
    public Builder trafficMirrorFilterId(String v) { this.trafficMirrorFilterId = v; return this; }
    public Builder priority(Integer v) { this.priority = v; return this; }
    public Builder trafficMirrorSessionName(String v) { this.trafficMirrorSessionName = v; return this; }
    public Builder description(String v) { this.description = v; return this; }
    public Builder virtualNetworkId(Integer v) { this.virtualNetworkId = v; return this; }
    public Builder packetLength(Integer v) { this.packetLength = v; return this; }
    public Builder projectName(String v) { this.projectName = v; return this; }
    public Builder clientToken(String v) { this.clientToken = v; return this; }

    public Builder tag(String key, String value) { this.tags.add(new Tag(key, value)); return this; }
    public Builder tag(Tag tag) { this.tags.add(Objects.requireNonNull(tag, "tag")); return this; }

    /** Replaces the tags. */
    public Builder tags(List<Tag> tags) {
      this.tags.clear();
      tags.forEach(this::tag);
      return this;
    }

    public CreateTrafficMirrorSessionRequest build() {
      return new CreateTrafficMirrorSessionRequest(this);
    }
  }
}
