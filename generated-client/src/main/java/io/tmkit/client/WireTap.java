package io.tmkit.client;

import java.util.List;
import java.util.Map;

/**
 * Sees every attempt's signed request just before it is written and the answer just after it is read,
 * for a tool's debug output ({@code --debug} of the CLI). It must not change either; it sees
 * secrets (an STS token in {@code X-Security-Token}), so whoever prints them redacts them.
 */
public interface WireTap {
  void request(SignedRequest request);

  void response(int status, Map<String, List<String>> headers, byte[] body);
}
