package io.tmkit.testing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/** Choices from the fuzzer's input bytes: once they run out, every choice is its smallest value. */
final class FuzzSource implements Source {
  private final FuzzedDataProvider data;

  FuzzSource(FuzzedDataProvider data) {
    this.data = data;
  }

  @Override
  public long between(long min, long max) {
    return data.consumeLong(min, max);
  }

  @Override
  public String anyText(int maxLength) {
    return data.consumeString(maxLength);
  }

  @Override
  public byte[] bytes(int min, int max) {
    byte[] b = data.consumeBytes(max);
    return b.length >= min ? b : java.util.Arrays.copyOf(b, min);
  }
}
