package io.tmkit.conformance.vectors;

/**
 * A deliberately broken variant of our canonicaliser, for proving that the differential test can fail:
 * the canonical query (line 3 of the canonical request) percent-encodes {@code ~} as {@code %7E}, one
 * byte out of the unreserved set. Never used to sign or verify a real request.
 */
final class PlantedCanonicaliser {
  private PlantedCanonicaliser() {}

  static String tildeEncoded(String canonicalRequest) {
    String[] lines = canonicalRequest.split("\n", -1);
    lines[2] = lines[2].replace("~", "%7E");
    return String.join("\n", lines);
  }
}
