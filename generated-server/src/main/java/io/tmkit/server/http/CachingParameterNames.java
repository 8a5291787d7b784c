package io.tmkit.server.http;

import jakarta.validation.ParameterNameProvider;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parameter names for bean validation, computed once per method. Hibernate Validator asks for them for
 * every constraint it evaluates; the generated operation has 52 parameters, and reading them by
 * reflection each time was the largest single cost of a request (configured in META-INF/validation.xml).
 */
public final class CachingParameterNames implements ParameterNameProvider {
  private final ConcurrentHashMap<Executable, List<String>> names = new ConcurrentHashMap<>();

  @Override
  public List<String> getParameterNames(Constructor<?> constructor) {
    return names.computeIfAbsent(constructor, CachingParameterNames::read);
  }

  @Override
  public List<String> getParameterNames(Method method) {
    return names.computeIfAbsent(method, CachingParameterNames::read);
  }

  private static List<String> read(Executable executable) {
    return Arrays.stream(executable.getParameters()).map(Parameter::getName).toList();
  }
}
