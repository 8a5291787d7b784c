package io.tmkit.testing;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A property checked on many inputs drawn from a seeded {@link SplittableRandom}. The seed is printed
 * with the run's line; {@code -Dtmkit.seed=N} (with {@code -Dtest=Class#method}) replays exactly the
 * same inputs. Input {@code i} depends on the seed and {@code i} alone (each input draws from its own
 * split), and a failing input is shrunk with the given candidates before it is reported.
 *
 * @param <T> the input
 */
public final class Generated<T> {
  /** The check on one input: false when the input does not apply (it is then discarded, not counted). */
  @FunctionalInterface
  public interface Property<T> {
    boolean holdsFor(T input) throws Exception;
  }

  /** What a run did. */
  public record Run(String name, long seed, int checked, int discarded) {
  }

  private static final int MAX_SHRINK_STEPS = 500;
  /** A property that discards more than five inputs for each one it checks proves too little. */
  private static final int MAX_DISCARD_RATIO = 5;

  private final String name;
  private final Function<Source, T> generator;
  private final Function<T, Stream<T>> smaller;
  private final Function<T, String> shown;

  private Generated(String name, Function<Source, T> generator, Function<T, Stream<T>> smaller, Function<T, String> shown) {
    this.name = name;
    this.generator = generator;
    this.smaller = smaller;
    this.shown = shown;
  }

  /** Inputs named {@code name} in the printed line, without shrinking. */
  public static <T> Generated<T> of(String name, Function<Source, T> generator) {
    return new Generated<>(name, generator, t -> Stream.empty(), String::valueOf);
  }

  /** The same inputs, shrunk on failure by trying each of {@code smaller}'s candidates in turn. */
  public Generated<T> shrinking(Function<T, Stream<T>> candidates) {
    return new Generated<>(name, generator, candidates, shown);
  }

  /** The same inputs, shown in a failure report by {@code show}. */
  public Generated<T> shownAs(Function<T, String> show) {
    return new Generated<>(name, generator, smaller, show);
  }

  /** The seed of this run: {@code -Dtmkit.seed} when given, otherwise a fresh one. */
  public static long seed() {
    Long given = Long.getLong("tmkit.seed");
    return given != null ? given : new SecureRandom().nextLong();
  }

  /** Checks {@code property} on {@code count} inputs, prints one line, and fails with the smallest failing input. */
  public Run check(int count, Property<T> property) {
    return check(seed(), count, property);
  }

  /** {@link #check(int, Property)} with the given seed. */
  Run check(long seed, int count, Property<T> property) {
    SplittableRandom root = new SplittableRandom(seed);
    int checked = 0;
    int discarded = 0;
    for (int i = 0; i < count; i++) {
      T input = generator.apply(Source.of(root.split()));
      Outcome outcome = run(property, input);
      if (outcome.failure() != null) {
        throw report(seed, i, input, outcome.failure(), property);
      }
      if (outcome.held()) {
        checked++;
      } else {
        discarded++;
      }
    }
    Run run = new Run(name, seed, checked, discarded);
    System.out.printf("generated: %s %d inputs checked, %d discarded, seed %d (replay: -Dtmkit.seed=%d)%n",
        name, checked, discarded, seed, seed);
    if (discarded > MAX_DISCARD_RATIO * (long) checked) {
      throw new AssertionError(name + ": " + discarded + " inputs discarded for " + checked + " checked (seed " + seed
          + "): the generator no longer makes inputs that the property applies to");
    }
    return run;
  }

  /** One run of the property: it held, it did not apply (discarded), or it failed. */
  private record Outcome(boolean held, Throwable failure) {
  }

  private Outcome run(Property<T> property, T input) {
    try {
      return new Outcome(property.holdsFor(input), null);
    } catch (Throwable t) {
      return new Outcome(false, t);
    }
  }

  private AssertionError report(long seed, int index, T original, Throwable firstFailure, Property<T> property) {
    T smallest = original;
    Throwable failure = firstFailure;
    int steps = 0;
    boolean progress = true;
    while (progress && steps < MAX_SHRINK_STEPS) {
      progress = false;
      for (T candidate : (Iterable<T>) smaller.apply(smallest)::iterator) {
        if (++steps > MAX_SHRINK_STEPS) {
          break;
        }
        Throwable f = run(property, candidate).failure();
        if (f != null) {
          smallest = candidate;
          failure = f;
          progress = true;
          break;
        }
      }
    }
    return new AssertionError(String.format(
        "%s failed on input #%d of seed %d (replay: -Dtmkit.seed=%d)%n  smallest failing input: %s%n  original input: %s%n  %s",
        name, index, seed, seed, shown.apply(smallest), shown.apply(original), failure), failure);
  }
}
