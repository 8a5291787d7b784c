package io.tmkit.server.http;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * RequestIds in the form the contract's description fixes: the UTC time as {@code yyyyMMddHHmmss}
 * followed by 20 upper-case hexadecimal digits (80 random bits), new for every request.
 */
final class RequestIds {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private record Second(long epochSecond, String text) {}

  private static volatile Second cached = new Second(Long.MIN_VALUE, "");

  private RequestIds() {}

  static String next() {
    long nowSecond = System.currentTimeMillis() / 1000;
    Second second = cached;
    if (second.epochSecond() != nowSecond) {
      second = new Second(nowSecond, TIME.format(java.time.Instant.ofEpochSecond(nowSecond)));
      cached = second;
    }
    String prefix = second.text();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = random.nextLong();
    int low = random.nextInt(1 << 16);
    char[] out = new char[34];
    prefix.getChars(0, 14, out, 0);
    for (int i = 0; i < 16; i++) {
      out[14 + i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xf];
    }
    for (int i = 0; i < 4; i++) {
      out[30 + i] = HEX[(low >>> (12 - 4 * i)) & 0xf];
    }
    return new String(out);
  }
}
