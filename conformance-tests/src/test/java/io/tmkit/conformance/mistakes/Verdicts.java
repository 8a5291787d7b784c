package io.tmkit.conformance.mistakes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Why a tool's answer to a mistake is not the one its row expects; empty when it is. */
final class Verdicts {
  /** A Java stack frame as printed by {@code printStackTrace}: a tab (or spaces), {@code at}, a frame. */
  private static final Pattern FRAME = Pattern.compile("^\\s+at [\\w$.]+(\\.[\\w$<>]+)+\\(.*\\)\\s*$");
  private static final Pattern THROWABLE = Pattern.compile(
      "(^|\\s|:)([\\w$]+\\.)+[\\w$]*(Exception|Error|Throwable)\\b.*");

  private Verdicts() {}

  static List<String> problems(MistakeFile.Mistake mistake, ToolRun run) {
    List<String> problems = new ArrayList<>();
    if (run.timedOut()) {
      problems.add("no answer within the timeout (a hang)");
    } else if (run.exit().intValue() != mistake.exit().intValue()) {
      problems.add("exit code " + run.exit() + ", expected " + mistake.exit());
    }
    String trace = stackTrace(run.stderr());
    if (trace == null) {
      trace = stackTrace(run.stdout());
    }
    if (trace != null) {
      problems.add("prints a stack trace: " + trace);
    }
    if (mistake.stderr() != null) {
      try {
        Pattern expected = Pattern.compile(mistake.stderr());
        if (!expected.matcher(run.stderr()).find() && !expected.matcher(run.stdout()).find()) {
          problems.add("neither standard error nor output has /" + mistake.stderr() + "/");
        }
      } catch (PatternSyntaxException e) {
        problems.add("the row's stderr is not a regular expression: " + e.getDescription());
      }
    }
    long lines = run.stderr().lines().filter(l -> !l.isBlank()).count();
    if (lines > mistake.lines()) {
      problems.add(lines + " non-empty lines on standard error, at most " + mistake.lines() + " expected");
    }
    return problems;
  }

  /** The first line that gives a stack trace away: one with {@code \tat }, or an exception followed by a frame. */
  static String stackTrace(String output) {
    List<String> lines = output.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.contains("\tat ")) {
        return line.strip();
      }
      boolean nextIsFrame = i + 1 < lines.size() && FRAME.matcher(lines.get(i + 1)).matches();
      if (nextIsFrame && (THROWABLE.matcher(line).find() || line.startsWith("Caused by:"))) {
        return line.strip() + " / " + lines.get(i + 1).strip();
      }
      if (FRAME.matcher(line).matches()) {
        return line.strip();
      }
    }
    return null;
  }
}
