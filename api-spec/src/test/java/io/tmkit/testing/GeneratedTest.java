package io.tmkit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner the generated properties rely on: replayable from its seed, and shrinking what fails. */
class GeneratedTest {
  private static List<Integer> numbers(Source s) {
    List<Integer> list = new ArrayList<>();
    for (int n = s.between(1, 20); n > 0; n--) {
      list.add(s.between(0, 99));
    }
    return List.copyOf(list);
  }

  private static List<List<Integer>> seen(long seed) {
    List<List<Integer>> inputs = new ArrayList<>();
    Generated.of("numbers", GeneratedTest::numbers).check(seed, 50, inputs::add);
    return inputs;
  }

  @Test
  void theSameSeedGivesTheSameInputsAndAnotherSeedOthers() {
    assertEquals(seen(42), seen(42));
    assertTrue(!seen(42).equals(seen(43)));
  }

  @Test
  void aFailureNamesItsSeedAndTheSmallestFailingInput() {
    AssertionError e = assertThrows(AssertionError.class, () -> Generated.of("numbers", GeneratedTest::numbers)
        .shrinking(Shrink::dropOne)
        .check(7, 500, list -> {
          assertTrue(list.stream().allMatch(n -> n < 90), "a number of 90 or more");
          return true;
        }));
    assertTrue(e.getMessage().contains("of seed 7 (replay: -Dtmkit.seed=7)"), e.getMessage());
    // Shrunk to one element: dropping any element of a failing list that keeps one number >= 90 fails too.
    assertTrue(e.getMessage().matches("(?s).*smallest failing input: \\[9\\d\\].*"), e.getMessage());
  }

  @Test
  void aPropertyThatAppliesToAlmostNoInputFails() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> Generated.of("numbers", GeneratedTest::numbers).check(1, 100, list -> list.size() == 1));
    assertTrue(e.getMessage().contains("discarded"), e.getMessage());
  }

  @Test
  void stringsShrinkCharByChar() {
    AssertionError e = assertThrows(AssertionError.class, () -> Generated.of("text", s -> s.chars('a', 'z', 30, 60))
        .shrinking(Shrink::dropChars)
        .check(3, 20, text -> {
          assertTrue(text.indexOf('q') < 0, "a q");
          return true;
        }));
    assertTrue(e.getMessage().contains("smallest failing input: q\n"), e.getMessage());
  }
}
