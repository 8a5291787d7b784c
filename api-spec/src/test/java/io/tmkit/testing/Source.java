package io.tmkit.testing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where a generator takes its choices from: a seeded {@link SplittableRandom} (the generated runs,
 * reproducible from their printed seed) or Jazzer's {@link FuzzedDataProvider} (the fuzz runs, whose
 * choices the coverage-guided fuzzer mutates). One generator, written once against this interface,
 * serves both, so that the fuzzer explores exactly the input families the generated runs sample.
 */
public interface Source {
  /** A whole number from {@code min} to {@code max}, both included. */
  long between(long min, long max);

  /** A string of at most {@code maxLength} chars, drawn from all of UTF-16 (unpaired surrogates too). */
  String anyText(int maxLength);

  /** Bytes, from {@code min} to {@code max} of them. */
  byte[] bytes(int min, int max);

  static Source of(SplittableRandom random) {
    return new RandomSource(random);
  }

  static Source of(FuzzedDataProvider data) {
    return new FuzzSource(data);
  }

  default int between(int min, int max) {
    return (int) between((long) min, (long) max);
  }

  default boolean percent(int chance) {
    return between(0, 99) < chance;
  }

  default <T> T oneOf(List<T> options) {
    return options.get(between(0, options.size() - 1));
  }

  @SuppressWarnings("unchecked")
  default <T> T oneOf(T... options) {
    return options[between(0, options.length - 1)];
  }

  /** The index of one of the weights, chosen in proportion to its weight. */
  default int weighted(int... weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int at = between(0, total - 1);
    for (int i = 0; i < weights.length; i++) {
      at -= weights[i];
      if (at < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** A string of {@code min} to {@code max} chars, each from {@code from} to {@code to}. */
  default String chars(char from, char to, int min, int max) {
    int length = between(min, max);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append((char) between(from, to));
    }
    return s.toString();
  }

  /** A string of {@code min} to {@code max} chars, each one of {@code alphabet}. */
  default String charsOf(String alphabet, int min, int max) {
    int length = between(min, max);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(between(0, alphabet.length() - 1)));
    }
    return s.toString();
  }
}
