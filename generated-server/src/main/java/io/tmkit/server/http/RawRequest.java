package io.tmkit.server.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The query string exactly as it arrived, read by {@link EnvelopeGuard} before Jersey parses the
 * URI (which it cannot do for {@code %zz}): its size verdict and, when well formed, its parameters.
 */
record RawRequest(String rawQuery, boolean tooLong, Optional<List<Map.Entry<String, String>>> parameters) {
  static final String ATTRIBUTE = RawRequest.class.getName();
}
