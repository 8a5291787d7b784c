package io.tmkit.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Candidates that are one step smaller than an input, for {@link Generated#shrinking}. */
public final class Shrink {
  private Shrink() {
  }

  /** The list without one of its elements (each in turn), never empty. */
  public static <T> Stream<List<T>> dropOne(List<T> list) {
    if (list.size() <= 1) {
      return Stream.empty();
    }
    return IntStream.range(0, list.size()).mapToObj(i -> {
      List<T> shorter = new ArrayList<>(list);
      shorter.remove(i);
      return List.copyOf(shorter);
    });
  }

  /** The string without its second half, then without one of its chars (each in turn). */
  public static Stream<String> dropChars(String s) {
    Stream<String> half = s.length() > 8 ? Stream.of(s.substring(0, s.length() / 2)) : Stream.empty();
    return Stream.concat(half, IntStream.range(0, s.length()).mapToObj(i -> s.substring(0, i) + s.substring(i + 1)));
  }

  /** The array with one of its strings made smaller by {@link #dropChars}. */
  public static Stream<String[]> eachString(String[] values) {
    return IntStream.range(0, values.length).boxed().flatMap(i -> dropChars(values[i]).map(smaller -> {
      String[] copy = values.clone();
      copy[i] = smaller;
      return copy;
    }));
  }
}
