package io.tmkit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many adversarial inputs a test sent to a server, and how they were answered. {@link #report}
 * prints one line and writes the same figures to {@code <tmkit.fuzzCounts>/<name>.count} (the
 * module's {@code target/fuzz-counts} under Maven), one line of {@code key=value} fields, so that
 * CI can add up every module's files:
 * {@code name=NegativeInputs.fuzz inputs=6123 4xx=6123 2xx=0 5xx=0 other=0}.
 * Every answer is counted before the test judges it, so a 5xx shows in the figures even though the
 * test then fails.
 */
public final class AdversarialCount {
  private final String name;
  private final AtomicLong inputs = new AtomicLong();
  private final AtomicLong clientErrors = new AtomicLong();
  private final AtomicLong successes = new AtomicLong();
  private final AtomicLong serverErrors = new AtomicLong();
  private final AtomicLong other = new AtomicLong();

  public AdversarialCount(String name) {
    this.name = name;
  }

  /**
   * The count of a {@code @FuzzTest}, named for the mode it runs in: {@code NAME.fuzz} when Jazzer
   * fuzzes ({@code JAZZER_FUZZ} set), {@code NAME.regression} when it only runs the committed inputs.
   */
  public static AdversarialCount ofFuzzTest(String name) {
    return new AdversarialCount(name + (fuzzing() ? ".fuzz" : ".regression"));
  }

  /** Whether Jazzer fuzzes in this JVM: its JUnit integration reads the same variable. */
  public static boolean fuzzing() {
    String v = System.getenv("JAZZER_FUZZ");
    return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
  }

  /** One input sent, answered with {@code status}. */
  public void answered(int status) {
    inputs.incrementAndGet();
    if (status >= 400 && status < 500) {
      clientErrors.incrementAndGet();
    } else if (status >= 200 && status < 300) {
      successes.incrementAndGet();
    } else if (status >= 500 && status < 600) {
      serverErrors.incrementAndGet();
    } else {
      other.incrementAndGet();
    }
  }

  public long inputs() {
    return inputs.get();
  }

  /** Prints {@code fuzz: NAME N inputs, N 5xx (...)} and writes the count file; nothing if nothing was sent. */
  public void report() {
    if (inputs.get() == 0) {
      return;
    }
    System.out.printf("fuzz: %s %d inputs, %d 5xx (%d answered 4xx, %d 2xx, %d other)%n",
        name, inputs.get(), serverErrors.get(), clientErrors.get(), successes.get(), other.get());
    write(name, String.format("name=%s inputs=%d 4xx=%d 2xx=%d 5xx=%d other=%d%n",
        name, inputs.get(), clientErrors.get(), successes.get(), serverErrors.get(), other.get()));
  }

  /**
   * The count file of a run that judged its answers itself (the raw-protocol family: each answer is a
   * documented 4xx envelope or a prompt close, or its case fails): only inputs and 5xx are known.
   */
  public static void reportTotals(String name, long inputs, long serverErrors) {
    System.out.printf("fuzz: %s %d inputs, %d 5xx%n", name, inputs, serverErrors);
    write(name, String.format("name=%s inputs=%d 5xx=%d%n", name, inputs, serverErrors));
  }

  private static void write(String name, String line) {
    Path dir = Path.of(System.getProperty("tmkit.fuzzCounts", "target/fuzz-counts"));
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".count"), line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
