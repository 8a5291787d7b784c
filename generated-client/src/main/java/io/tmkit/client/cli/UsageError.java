package io.tmkit.client.cli;

/**
 * A mistake in how the CLI was called (an option, a variable, a profile file): one line saying what is
 * wrong, one saying what to do, exit code 2, nothing sent. Never a stack trace.
 */
final class UsageError extends RuntimeException {
  static final String HELP_HINT = "try --help";

  private final String hint;

  UsageError(String message, String hint) {
    super(message, null, false, false);
    this.hint = hint;
  }

  UsageError(String message) {
    this(message, HELP_HINT);
  }

  String hint() {
    return hint;
  }
}
