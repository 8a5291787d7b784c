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
 * The last answer is kept by identity in front of the map: a map lookup hashes the method's name and
 * compares all 52 parameter types, about a hundred times per request.
 */
public final class CachingParameterNames implements ParameterNameProvider {
  private final ConcurrentHashMap<Executable, List<String>> names = new ConcurrentHashMap<>();
  private volatile Last last = new Last(null, List.of());

  private record Last(Executable executable, List<String> names) {}

  @Override
  public List<String> getParameterNames(Constructor<?> constructor) {
    return lookUp(constructor);
  }

  @Override
  public List<String> getParameterNames(Method method) {
    return lookUp(method);
  }

  private List<String> lookUp(Executable executable) {
    Last seen = last;
    if (seen.executable() == executable) {
      return seen.names();
    }
    List<String> found = names.computeIfAbsent(executable, CachingParameterNames::read);
    last = new Last(executable, found);
    return found;
  }

  private static List<String> read(Executable executable) {
    return Arrays.stream(executable.getParameters()).map(Parameter::getName).toList();
  }
}
