package io.tmkit.server.http;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigInteger;

/**
 * Reads integer parameters without ever failing in Jersey: Jersey's own conversion answers
 * {@code Priority=abc} with a 404 and an empty body, before bean validation could see the value.
 * A value that is not a whole number, or overflows 64 bits, becomes null here and the
 * {@link ParameterStage} reports it as the contract's {@code type} keyword from the raw value; a
 * whole number beyond the Java type's range is clamped to it, which keeps it beyond the
 * parameter's documented maximum or minimum, so that its bean-validation constraint still fires.
 */
final class WholeNumbers implements ParamConverterProvider {
  /** The most digits a whole number may have (the contract library's {@code [+-]?[0-9]{1,30}}). */
  private static final int MAX_DIGITS = 30;
  /** Up to this many digits a whole number always fits a long. */
  private static final int LONG_SAFE_DIGITS = 18;

  /** The value as a long, or null when it is not a whole number that fits 64 bits. */
  static Long parse(String raw) {
    if (raw == null) {
      return null;
    }
    int start = !raw.isEmpty() && (raw.charAt(0) == '+' || raw.charAt(0) == '-') ? 1 : 0;
    int digits = raw.length() - start;
    if (digits < 1 || digits > MAX_DIGITS) {
      return null;
    }
    for (int i = start; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    if (digits <= LONG_SAFE_DIGITS) {
      return Long.parseLong(raw);
    }
    BigInteger n = new BigInteger(raw);
    return n.bitLength() > 63 ? null : n.longValue();
  }

  static boolean isWholeNumberType(Class<?> type) {
    return type == Integer.class || type == Long.class || type == int.class || type == long.class;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
    if (rawType == Integer.class) {
      return (ParamConverter<T>) new Converter<>(v -> v == null ? null
          : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)));
    }
    if (rawType == Long.class) {
      return (ParamConverter<T>) new Converter<>(v -> v);
    }
    return null;
  }

  private record Converter<T>(java.util.function.Function<Long, T> narrow) implements ParamConverter<T> {
    @Override
    public T fromString(String value) {
      return narrow.apply(parse(value));
    }

    @Override
    public String toString(T value) {
      return String.valueOf(value);
    }
  }
}
