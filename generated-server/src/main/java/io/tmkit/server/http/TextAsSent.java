package io.tmkit.server.http;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Hands text parameters to the operation as decoded. Jersey's default conversion for String copies
 * each value through String's String constructor, by reflection, for every parameter of every request.
 */
public final class TextAsSent implements ParamConverterProvider {
  private static final ParamConverter<String> AS_SENT = new ParamConverter<>() {
    @Override
    public String fromString(String value) {
      return value;
    }

    @Override
    public String toString(String value) {
      return value;
    }
  };

  @Override
  @SuppressWarnings("unchecked")
  public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
    return rawType == String.class ? (ParamConverter<T>) AS_SENT : null;
  }
}
