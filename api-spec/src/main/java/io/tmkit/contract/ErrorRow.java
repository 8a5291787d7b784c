package io.tmkit.contract;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One row of the contract's {@code x-error-catalog}: a documented answer, keyed by code and message.
 * Messages of common errors may hold {@code %s} placeholders that a server fills in, in order.
 */
public record ErrorRow(
    int status,
    String code,
    String message,
    String descriptionZh,
    boolean common,
    String stage,
    String trigger,
    Integer codeN) {

  public ErrorRow {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** Whether the message has placeholders to fill. */
  public boolean isTemplate() {
    return message.contains("%s");
  }

  /** The message with each {@code %s} replaced, in order, by the given arguments. */
  public String format(Object... args) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    int arg = 0;
    for (int at = message.indexOf("%s"); at >= 0; at = message.indexOf("%s", from)) {
      out.append(message, from, at);
      out.append(arg < args.length ? String.valueOf(args[arg++]) : "%s");
      from = at + 2;
    }
    return out.append(message.substring(from)).toString();
  }

  /** Whether a message a server sent is this row's message, with any placeholders filled. */
  public boolean matchesMessage(String actual) {
    if (actual == null) {
      return false;
    }
    if (!isTemplate()) {
      return message.equals(actual);
    }
    return templatePattern().matcher(actual).matches();
  }

  private Pattern templatePattern() {
    StringBuilder regex = new StringBuilder();
    int from = 0;
    for (int at = message.indexOf("%s"); at >= 0; at = message.indexOf("%s", from)) {
      regex.append(Pattern.quote(message.substring(from, at))).append("(.*)");
      from = at + 2;
    }
    regex.append(Pattern.quote(message.substring(from)));
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** Short label for reports: {@code 400 InvalidName.Malformed "The specified name is malformed."}. */
  public String label() {
    return status + " " + code + " \"" + message + "\"";
  }

}
