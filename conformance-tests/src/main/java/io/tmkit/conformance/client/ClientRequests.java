package io.tmkit.conformance.client;

import io.tmkit.client.CreateTrafficMirrorSessionRequest;
import io.tmkit.client.Tag;
import io.tmkit.conformance.resolve.ResolvedRequest;
import io.tmkit.contract.Contract;
import io.tmkit.contract.TagListRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A case's parameters as the typed request of the generated client. The field-per-name table below
 * is the one hand-written link between the contract's names and the client's builder; a name it does
 * not know fails loudly (the validator keeps such requests off the client surfaces).
 */
public final class ClientRequests {
  private final Contract contract;

  public ClientRequests(Contract contract) {
    this.contract = contract;
  }

  public CreateTrafficMirrorSessionRequest toRequest(ResolvedRequest r) {
    CreateTrafficMirrorSessionRequest.Builder b = CreateTrafficMirrorSessionRequest.builder();
    TagListRule tags = contract.tagList();
    TreeMap<Integer, String[]> tagsByIndex = new TreeMap<>();
    for (Map.Entry<String, String> p : r.params()) {
      String name = p.getKey();
      String v = p.getValue();
      if (tags.owns(name)) {
        String[] parts = name.substring(tags.name().length() + 1).split("\\.");
        String[] kv = tagsByIndex.computeIfAbsent(Integer.parseInt(parts[0]), i -> new String[2]);
        kv["Key".equals(parts[1]) ? 0 : 1] = v;
        continue;
      }
      switch (name) {
        case "Action", "Version" -> { }
        case "TrafficMirrorSessionName" -> b.trafficMirrorSessionName(v);
        case "Description" -> b.description(v);
        case "NetworkInterfaceId" -> b.networkInterfaceId(v);
        case "TrafficMirrorTargetId" -> b.trafficMirrorTargetId(v);
        case "Priority" -> b.priority(Integer.valueOf(v));
        case "VirtualNetworkId" -> b.virtualNetworkId(Integer.valueOf(v));
        case "PacketLength" -> b.packetLength(Integer.valueOf(v));
        case "TrafficMirrorFilterId" -> b.trafficMirrorFilterId(v);
        case "ProjectName" -> b.projectName(v);
        case "ClientToken" -> b.clientToken(v);
        default -> throw new IllegalArgumentException("the typed client has no field for " + name);
      }
    }
    List<Tag> list = new ArrayList<>();
    tagsByIndex.values().forEach(kv -> list.add(new Tag(kv[0], kv[1])));
    return b.tags(list).build();
  }
}
