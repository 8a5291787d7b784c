package io.tmkit.conformance;

import io.tmkit.contract.Contract;
import io.tmkit.contract.ParameterRule;
import io.tmkit.testing.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Bad requests generated from the contract's constraints: values out of range, too long, off pattern,
 * of the wrong type, control characters and other scripts, unknown, repeated and missing names,
 * broken tag lists, values past the query-string limit, raw bytes and broken escapes. Each is drawn
 * from a {@link Source}, so that the same families serve the seeded generated runs and the fuzzer.
 */
final class RequestMutations {
  private static final String[] EDGE_TEXT = {"", " ", "\u0000", "😀", "٣", "１", "\u202e"};
  private static final String[] ODD_NUMBERS = {"1.5", "1e3", "0x10", " 1", "1 ", "", "+", "-", "٣", "１", "1_000",
      "NaN", "Infinity"};
  private static final String[] BAD_CHARS = {"\u0000", "\u0001", "\u001f", "\u007f", "!", "#", "$", "%", "&", "*", ";",
      "<", ">", "?", "[", "]", "{", "}", "|", "`", "'", "\"", "\\", "\t", "\n", "é", "Ω", "😀", "\ud800"};
  private static final String[] ODD_INDICES = {"0", "01", "a", "", "99999999999999999999", "-1"};
  private static final String[] ODD_FIELDS = {"key", "Name", "", "Key.x"};
  private static final String[] TAG_WORDS = {"env", "team", "a", "b"};
  private static final String[] TYPED_TAG_WORDS = {"env", "team", "a", "b", "生产"};
  private static final String[] RESERVED_TAG_TEXT = {"volc:x", "SYS:y", ""};
  private static final String[] RAW_JUNK = {"%", "%G1", "%4", "%zz", "%C3%28", "%E2%82", "%FF", "=x", "%ED%A0%80", "%C0%AF"};

  private final Contract contract;
  private final List<Map.Entry<String, String>> base;
  private final List<ParameterRule> plain;
  private final List<ParameterRule> typedFields;
  private final List<String> required;

  /** Mutations of {@code base}, the valid request of the demo world that every mutation starts from. */
  RequestMutations(Contract contract, List<Map.Entry<String, String>> base) {
    this.contract = contract;
    this.base = List.copyOf(base);
    this.plain = contract.parameters().stream().filter(p -> p.listItem() == null).toList();
    this.typedFields = plain.stream().filter(p -> p.enumValues().isEmpty()).toList();
    this.required = contract.parameters().stream().filter(ParameterRule::required).map(ParameterRule::name).toList();
  }

  /** A change to the base request, with a label for the report of a failing input. */
  record Mutation(String label, Consumer<List<Map.Entry<String, String>>> op) {
    void apply(List<Map.Entry<String, String>> params) {
      op.accept(params);
    }

    @Override
    public String toString() {
      StringBuilder shown = new StringBuilder();
      label.chars().limit(200).forEach(c -> {
        if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate((char) c) || Character.getType(c) == Character.FORMAT) {
          shown.append(String.format("\\u%04x", c));
        } else {
          shown.append((char) c);
        }
      });
      return label.length() > 200 ? shown + "…(" + label.length() + " chars)" : shown.toString();
    }
  }

  /** The base request with the mutations applied, in order. */
  List<Map.Entry<String, String>> applied(List<Mutation> mutations) {
    List<Map.Entry<String, String>> params = new ArrayList<>(base);
    mutations.forEach(m -> m.apply(params));
    return params;
  }

  static Mutation set(String name, String value) {
    return new Mutation("set " + name + "=" + value, params -> {
      for (int i = 0; i < params.size(); i++) {
        if (params.get(i).getKey().equals(name)) {
          params.set(i, Map.entry(name, value));
          return;
        }
      }
      params.add(Map.entry(name, value));
    });
  }

  /** Any text, now and then one of the edge cases that break parsers most often. */
  static String anyText(Source s, int maxLength) {
    return s.percent(15) ? s.oneOf(EDGE_TEXT) : s.anyText(maxLength);
  }

  /** A long that is most often just past the bound, sometimes anywhere past it. */
  private static long beyond(Source s, long bound, boolean below) {
    if (s.percent(50)) {
      long step = s.between(1, 100);
      return below ? bound - step : bound + step;
    }
    return below ? s.between(Long.MIN_VALUE, bound - 1) : s.between(bound + 1, Long.MAX_VALUE);
  }

  /** A whole number from 10^19 to 10^40, either sign: past every long. */
  private static String overflowing(Source s) {
    String digits = (char) ('1' + s.between(0, 8)) + s.charsOf("0123456789", 19, 40);
    return (s.percent(50) ? "-" : "") + digits;
  }

  /** A value that breaks the parameter's schema: range, length, pattern, type, enum. */
  static String badValue(Source s, ParameterRule rule) {
    if (rule.isInteger()) {
      List<Integer> options = new ArrayList<>(List.of(0, 1, 2));
      if (rule.minimum() != null && rule.minimum() > Long.MIN_VALUE) {
        options.add(3);
      }
      if (rule.maximum() != null && rule.maximum() < Long.MAX_VALUE) {
        options.add(4);
      }
      return switch (s.oneOf(options)) {
        case 0 -> anyText(s, 40);
        case 1 -> overflowing(s);
        case 2 -> s.oneOf(ODD_NUMBERS);
        case 3 -> String.valueOf(beyond(s, rule.minimum(), true));
        default -> String.valueOf(beyond(s, rule.maximum(), false));
      };
    }
    int max = rule.maxLength() == null ? 64 : rule.maxLength();
    int options = rule.minLength() != null && rule.minLength() > 0 ? 4 : 3;
    return switch (s.between(0, options - 1)) {
      case 0 -> anyText(s, 40);
      case 1 -> s.chars('a', 'z', max + 1, max + 40);
      case 2 -> s.chars('a', 'z', 1, 10) + s.oneOf(BAD_CHARS) + s.chars('a', 'z', 0, 10);
      default -> "";
    };
  }

  Mutation valueMutation(Source s) {
    ParameterRule rule = s.oneOf(plain);
    return set(rule.name(), badValue(s, rule));
  }

  Mutation missingRequired(Source s) {
    String name = s.oneOf(required);
    return new Mutation("remove " + name, params -> params.removeIf(e -> e.getKey().equals(name)));
  }

  Mutation unknownName(Source s) {
    StringBuilder name = new StringBuilder(s.chars('A', 'z', 1, 30));
    while (contract.parameter(name.toString()).isPresent() || contract.tagList().owns(name.toString())) {
      name.append('_');
    }
    String n = name.toString();
    return new Mutation("add unknown " + n, params -> params.add(Map.entry(n, "x")));
  }

  Mutation repeatedName(Source s) {
    int at = s.between(0, 5);
    String value = anyText(s, 8);
    return new Mutation("repeat the parameter at " + at + " with " + value,
        params -> params.add(Map.entry(params.get(Math.min(at, params.size() - 1)).getKey(), value)));
  }

  /** Broken tag lists: indices out of order or range, other fields, bad or repeated keys and values. */
  Mutation tags(Source s) {
    List<Map.Entry<String, String>> list = new ArrayList<>();
    for (int n = s.between(1, 24); n > 0; n--) {
      String index = switch (s.weighted(6, 1, 1)) {
        case 0 -> String.valueOf(s.between(1, 3));
        case 1 -> String.valueOf(s.between(4, 25));
        default -> s.oneOf(ODD_INDICES);
      };
      String field = s.weighted(8, 1) == 0 ? s.oneOf("Key", "Value") : s.oneOf(ODD_FIELDS);
      String text = switch (s.weighted(4, 2, 1, 1)) {
        case 0 -> s.oneOf(TAG_WORDS);
        case 1 -> anyText(s, 12);
        case 2 -> s.oneOf(RESERVED_TAG_TEXT);
        default -> s.chars('a', 'z', 129, 300);
      };
      list.add(Map.entry(contract.tagList().name() + "." + index + (field.isEmpty() ? "" : "." + field), text));
    }
    return new Mutation("add tags " + list, params -> params.addAll(list));
  }

  Mutation huge(Source s) {
    return set("Description", "d".repeat(contract.limits().maxQueryStringBytes() + s.between(0, 2000)));
  }

  Mutation ordinary(Source s) {
    return switch (s.weighted(10, 2, 2, 2, 5, 1)) {
      case 0 -> valueMutation(s);
      case 1 -> missingRequired(s);
      case 2 -> unknownName(s);
      case 3 -> repeatedName(s);
      case 4 -> tags(s);
      default -> set(s.oneOf("Action", "Version"), anyText(s, 20));
    };
  }

  /** One to three ordinary mutations, or (one time in 61) a value past the query-string limit. */
  List<Mutation> mutations(Source s) {
    if (s.weighted(60, 1) == 1) {
      return List.of(huge(s));
    }
    List<Mutation> list = new ArrayList<>();
    for (int n = s.between(1, 3); n > 0; n--) {
      list.add(ordinary(s));
    }
    return List.copyOf(list);
  }

  /**
   * Mutations a typed client can carry, without values past the query-string limit: the client does
   * not measure the query string, so it judges those by the parameter's own length (case
   * description-beyond-query-limit shows it once).
   */
  List<Mutation> typedMutations(Source s) {
    List<Mutation> list = new ArrayList<>();
    for (int n = s.between(1, 3); n > 0; n--) {
      list.add(switch (s.weighted(6, 1, 3)) {
        case 0 -> typedValueMutation(s);
        case 1 -> missingRequired(s);
        default -> typedTags(s);
      });
    }
    return List.copyOf(list);
  }

  /** Bad values a typed client can carry: whole numbers that fit an int, any well-formed text for strings. */
  Mutation typedValueMutation(Source s) {
    ParameterRule rule = s.oneOf(typedFields);
    if (rule.isInteger()) {
      long n = s.percent(20) ? s.oneOf(Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE)
          : s.between(Integer.MIN_VALUE, Integer.MAX_VALUE);
      return set(rule.name(), String.valueOf(n));
    }
    return set(rule.name(), wellFormed(s, () -> badValue(s, rule)));
  }

  /**
   * No unpaired surrogate: such a Java string has no UTF-8 form, so no request carries it to the server;
   * the client refuses it locally as a malformed query (cases tag-not-text, parameter-not-text, README).
   */
  static boolean wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** The first well-formed text of a few draws; the unpaired surrogates dropped from the last one. */
  private static String wellFormed(Source s, java.util.function.Supplier<String> draw) {
    String text = draw.get();
    for (int tries = 0; tries < 8 && !wellFormed(text); tries++) {
      text = draw.get();
    }
    return wellFormed(text) ? text : text.codePoints().filter(c -> !Character.isSurrogate((char) c) || c > 0xffff)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }

  private static String typedTagText(Source s) {
    return wellFormed(s, () -> switch (s.weighted(4, 2, 1, 1)) {
      case 0 -> s.oneOf(TYPED_TAG_WORDS);
      case 1 -> anyText(s, 12);
      case 2 -> s.oneOf(RESERVED_TAG_TEXT);
      default -> s.chars('a', 'z', 120, 300);
    });
  }

  /** A list of tags as a typed client sends it (indices 1..N), with keys and values good and bad. */
  Mutation typedTags(Source s) {
    List<String[]> list = new ArrayList<>();
    for (int n = s.between(1, 22); n > 0; n--) {
      String key = s.percent(10) ? null : typedTagText(s);
      String value = s.percent(30) ? null : typedTagText(s);
      list.add(key == null && value == null ? new String[] {typedTagText(s), null} : new String[] {key, value});
    }
    String prefix = contract.tagList().name() + ".";
    return new Mutation("tags " + list.stream().map(kv -> kv[0] + "=" + kv[1]).toList(), params -> {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i)[0] != null) {
          params.add(Map.entry(prefix + (i + 1) + ".Key", list.get(i)[0]));
        }
        if (list.get(i)[1] != null) {
          params.add(Map.entry(prefix + (i + 1) + ".Value", list.get(i)[1]));
        }
      }
    });
  }

  /**
   * The base query with one raw piece inserted: percent-encoded bytes, broken escapes, a name with
   * such a value. Never an empty piece: whether an empty segment ("&&", a leading "&") is a parameter
   * without a name is a choice the contract does not make (see README: open questions).
   */
  String rawQuery(Source s) {
    String extra = s.percent(50) ? rawPiece(s) : s.oneOf(contract.parameters()).name() + "=" + rawPiece(s);
    List<String> parts = new ArrayList<>();
    base.forEach(e -> parts.add(e.getKey() + "=" + e.getValue()));
    parts.add(Math.min(s.between(0, 6), parts.size()), extra);
    return String.join("&", parts);
  }

  private static String rawPiece(Source s) {
    return switch (s.between(0, 2)) {
      case 0 -> percentBytes(s);
      case 1 -> s.oneOf(RAW_JUNK);
      default -> percentBytes(s) + "=" + percentBytes(s);
    };
  }

  private static String percentBytes(Source s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.bytes(1, 40)) {
      out.append('%').append(String.format("%02X", b & 0xff));
    }
    return out.toString();
  }
}
