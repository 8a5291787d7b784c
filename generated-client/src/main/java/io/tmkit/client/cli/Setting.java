package io.tmkit.client.cli;

/** A resolved value and where it came from ("--region", "VOLCENGINE_REGION", "profile 'p' in FILE", "default"). */
record Setting(String value, String source) {
  boolean isSet() {
    return value != null;
  }
}
