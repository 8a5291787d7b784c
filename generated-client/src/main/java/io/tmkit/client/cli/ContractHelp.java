package io.tmkit.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.ParameterRule;
import io.tmkit.contract.TagListRule;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The CLI's option descriptions, written at run time from the contract: an option's
 * {@code descriptionKey} is the name of the contract parameter it sends, and its text is that
 * parameter's summary, whether it is required, its constraints and the documented error a bad value
 * earns. Nothing here is retyped from the document. Key {@value #TAGS} describes the tag list.
 */
final class ContractHelp extends ResourceBundle {
  static final String TAGS = "x-tag-list";

  private final Map<String, String> texts = new LinkedHashMap<>();

  ContractHelp(Contract contract) {
    Map<String, String> summaries = new LinkedHashMap<>();
    for (JsonNode ref : contract.operation().path("parameters")) {
      JsonNode p = contract.resolve(ref);
      summaries.put(p.path("name").asText(), firstSentence(p.path("description").asText("")));
    }
    for (ParameterRule p : contract.parameters()) {
      if (p.listItem() == null) {
        texts.put(p.name(), escape(describe(p, summaries.get(p.name()))));
      }
    }
    TagListRule tags = contract.tagList();
    if (tags != null) {
      texts.put(TAGS, escape(describeTags(tags)));
    }
    texts.put(ENDPOINT, escape("Where to send: a URL (http:// or https://) or a host[:port] (https, or http when "
        + Settings.ENV_DISABLE_SSL + "=true or the profile's disable-ssl is true). Default: $"
        + Settings.ENV_ENDPOINT + ", then the profile's endpoint, then the contract's first server ("
        + defaultEndpoint(contract) + "), which is then named on stderr."));
  }

  static final String ENDPOINT = "cli.endpoint";

  /** The contract's first server: the endpoint used when none is given (and said so on stderr). */
  static String defaultEndpoint(Contract contract) {
    return contract.root().path("servers").path(0).path("url").asText();
  }

  static String describe(ParameterRule p, String summary) {
    StringBuilder out = new StringBuilder();
    out.append(p.name()).append(": ").append(summary == null ? "" : summary);
    out.append(" ").append(p.required() ? "Required." : "Optional.");
    out.append(" ").append(constraints(p));
    if (p.defaultValue() != null) {
      out.append(" Default ").append(p.defaultValue()).append('.');
    }
    out.append(" Invalid: ").append(errors(p));
    return out.toString();
  }

  static String constraints(ParameterRule p) {
    StringBuilder out = new StringBuilder();
    if (p.isInteger()) {
      out.append("Integer");
      if (p.minimum() != null && p.maximum() != null) {
        out.append(" from ").append(p.minimum()).append(" to ").append(p.maximum());
      } else if (p.minimum() != null) {
        out.append(" from ").append(p.minimum());
      } else if (p.maximum() != null) {
        out.append(" up to ").append(p.maximum());
      }
      return out.append('.').toString();
    }
    out.append("String");
    if (!p.enumValues().isEmpty()) {
      out.append(" ").append(String.join(" | ", p.enumValues()));
    }
    if (p.minLength() != null || p.maxLength() != null) {
      out.append(", ").append(p.minLength() == null ? 0 : p.minLength()).append(" to ")
          .append(p.maxLength() == null ? "any number of" : p.maxLength()).append(" characters");
    }
    if (p.pattern() != null) {
      out.append(", matching ").append(p.pattern());
    }
    return out.append('.').toString();
  }

  /** Each distinct documented answer, with the keywords that lead to it. */
  static String errors(ParameterRule p) {
    Map<ErrorRow, LinkedHashSet<String>> byRow = new LinkedHashMap<>();
    p.errors().forEach((keyword, row) -> byRow.computeIfAbsent(row, r -> new LinkedHashSet<>()).add(keyword));
    StringBuilder out = new StringBuilder();
    byRow.forEach((row, keywords) -> {
      if (out.length() > 0) {
        out.append("; ");
      }
      // The message as the answer would carry it: its %s filled with the parameter's name.
      out.append(row.status()).append(' ').append(row.code()).append(" \"")
          .append(row.format(p.name(), p.name())).append('"');
      if (!keywords.contains("default")) {
        out.append(" (").append(String.join(", ", keywords)).append(')');
      }
    });
    return out.toString();
  }

  static String describeTags(TagListRule tags) {
    return tags.name() + ": up to " + tags.maxItems() + " tags, KEY=VALUE (or KEY alone), repeat the option"
        + " for each; sent as " + tags.name() + ".N." + tags.keyRule().listItem().field() + " / "
        + tags.name() + ".N." + tags.valueRule().listItem().field() + " from N=1. Key: "
        + constraints(tags.keyRule()) + " Value: " + constraints(tags.valueRule())
        + " Invalid: key " + errors(tags.keyRule()) + "; value " + errors(tags.valueRule())
        + "; too many " + tags.tooMany().status() + " " + tags.tooMany().code()
        + "; repeated key " + tags.duplicateKey().status() + " " + tags.duplicateKey().code() + ".";
  }

  private static String firstSentence(String description) {
    String flat = description.replace('\n', ' ').trim();
    int end = flat.indexOf(". ");
    return end < 0 ? flat : flat.substring(0, end + 1);
  }

  /** picocli formats descriptions: a literal % must be doubled and ${ must not start a variable. */
  private static String escape(String text) {
    return text.replace("%", "%%").replace("${", "$${");
  }

  @Override
  protected Object handleGetObject(String key) {
    return texts.get(key);
  }

  @Override
  public Enumeration<String> getKeys() {
    return Collections.enumeration(texts.keySet());
  }
}
