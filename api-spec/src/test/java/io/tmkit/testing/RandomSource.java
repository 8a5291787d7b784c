package io.tmkit.testing;

import java.util.SplittableRandom;

/** Choices from a seeded random generator; text leans towards the characters that break parsers. */
final class RandomSource implements Source {
  private final SplittableRandom random;

  RandomSource(SplittableRandom random) {
    this.random = random;
  }

  @Override
  public long between(long min, long max) {
    if (max < Long.MAX_VALUE) {
      return random.nextLong(min, max + 1);
    }
    return min == Long.MIN_VALUE ? random.nextLong() : random.nextLong(min - 1, max) + 1;
  }

  @Override
  public String anyText(int maxLength) {
    int length = (int) between(0, maxLength);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      // Mostly printable ASCII so that other faults are not always hidden behind a first odd char;
      // the rest from controls, the BMP (surrogates included) and the supplementary planes.
      switch (random.nextInt(8)) {
        case 0 -> s.append((char) random.nextInt(0x20));
        case 1 -> s.append((char) random.nextInt(0x80, 0x10000));
        case 2 -> s.appendCodePoint(random.nextInt(0x10000, 0x110000));
        default -> s.append((char) random.nextInt(0x20, 0x7f));
      }
    }
    return s.length() > maxLength ? s.substring(0, maxLength) : s.toString();
  }

  @Override
  public byte[] bytes(int min, int max) {
    byte[] b = new byte[(int) between(min, max)];
    random.nextBytes(b);
    return b;
  }
}
