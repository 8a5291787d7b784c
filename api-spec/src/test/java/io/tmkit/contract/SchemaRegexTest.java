package io.tmkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SchemaRegexTest {
  @Test
  void theEndAnchorDoesNotMatchBeforeAFinalNewline() {
    Pattern p = SchemaRegex.compile("^eni-[a-z0-9]{1,60}$");
    assertTrue(p.matcher("eni-abc").find());
    assertFalse(p.matcher("eni-abc\n").find(), "ECMA's $ is the end of the input");
    assertFalse(p.matcher("eni-abc\r\n").find());
    assertTrue(Pattern.compile("^eni-[a-z0-9]{1,60}$").matcher("eni-abc\n").find(), "Java's own $ would pass it");
  }

  @Test
  void aDollarInAClassOrEscapedStaysALiteral() {
    assertEquals("^[$a]\\$x\\z", SchemaRegex.compile("^[$a]\\$x$").pattern());
    assertTrue(SchemaRegex.compile("^[$]\\$$").matcher("$$").find());
  }

  @Test
  void everyParameterPatternOfTheContractRejectsATrailingNewlineOnAValidValue() {
    int checked = 0;
    for (ParameterRule p : Contract.bundled().parameters()) {
      if (p.pattern() == null || p.example() == null || !p.compiledPattern().get().matcher(p.example()).find()) {
        continue;
      }
      assertFalse(p.compiledPattern().get().matcher(p.example() + "\n").find(), p.name());
      checked++;
    }
    assertTrue(checked >= 8, "patterns checked: " + checked);
  }
}
