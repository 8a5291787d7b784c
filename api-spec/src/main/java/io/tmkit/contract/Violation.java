package io.tmkit.contract;

import java.util.List;

/** A documented error that a request earned, with the values that fill its message. */
public record Violation(ErrorRow row, List<String> args, String parameter) {

  public Violation {
    args = List.copyOf(args);
  }

  public static Violation of(ErrorRow row, String parameter, String... args) {
    return new Violation(row, List.of(args), parameter);
  }

  public int status() {
    return row.status();
  }

  public String code() {
    return row.code();
  }

  /** The exact message to send: the row's message with its placeholders filled. */
  public String message() {
    return row.format(args.toArray());
  }
}
