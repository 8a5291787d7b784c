package io.tmkit.conformance.cli;

/**
 * Something the user can fix, said in one line (what is wrong and what to do), with the exit code it
 * gets: {@link #USAGE} for a wrong option, file or selection, {@link #UNREACHABLE} for a target that
 * cannot be reached. Never printed with a stack trace (except with {@code --debug}).
 */
final class UserMistake extends RuntimeException {
  static final int USAGE = 2;
  static final int UNREACHABLE = 3;

  private final int exitCode;

  UserMistake(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  static UserMistake usage(String message) {
    return new UserMistake(USAGE, message);
  }

  static UserMistake unreachable(String message) {
    return new UserMistake(UNREACHABLE, message);
  }

  int exitCode() {
    return exitCode;
  }
}
