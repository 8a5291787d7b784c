package io.tmkit.server.auth;

import java.util.concurrent.ConcurrentHashMap;

/** Requests per access key in the current second, against the flow limit of the key's account. */
final class FlowLimiter {
  private static final class Window {
    long second = Long.MIN_VALUE;
    int count;
  }

  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  /** Whether one more request fits in the current second's allowance. */
  boolean tryAcquire(String accessKey, int perSecond, long nowMillis) {
    long second = Math.floorDiv(nowMillis, 1000L);
    Window w = windows.computeIfAbsent(accessKey, k -> new Window());
    synchronized (w) {
      if (w.second != second) {
        w.second = second;
        w.count = 0;
      }
      if (w.count >= perSecond) {
        return false;
      }
      w.count++;
      return true;
    }
  }
}
