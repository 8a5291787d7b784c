package io.tmkit.client;

import io.tmkit.client.generated.api.TrafficMirrorApi;
import io.tmkit.client.generated.invoker.ApiException;
import io.tmkit.client.generated.invoker.ApiResponse;
import io.tmkit.client.generated.model.CreateTrafficMirrorSessionResponse;
import io.tmkit.contract.Contract;
import io.tmkit.contract.ParameterRule;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The generated operation method, bound to the contract's parameter names. The generator writes one
 * positional argument per parameter (52 of them, 40 for the indexed tags), required ones first; rather
 * than mirror that list by hand, each Java parameter is matched once, by name, to the contract
 * parameter it was generated from ({@code Tags.1.Key} → {@code tags1Key}), and a mismatch fails when
 * the client is built, not on the wire.
 */
final class GeneratedOperation {
  private final Method method;
  private final List<String> wireNames;
  private final List<Class<?>> types;

  private GeneratedOperation(Method method, List<String> wireNames, List<Class<?>> types) {
    this.method = method;
    this.wireNames = wireNames;
    this.types = types;
  }

  static GeneratedOperation bind(Contract contract) {
    String name = javaName(contract.operationId()) + "WithHttpInfo";
    Method method = Arrays.stream(TrafficMirrorApi.class.getMethods())
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the generated API has no method " + name));
    List<String> wireNames = new ArrayList<>();
    List<Class<?>> types = new ArrayList<>();
    for (Parameter p : method.getParameters()) {
      if (!p.isNamePresent()) {
        throw new IllegalStateException("the generated API was compiled without -parameters; cannot bind " + name);
      }
      String wire = contract.parameters().stream()
          .map(ParameterRule::name)
          .filter(n -> javaName(n).equals(p.getName()))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException(
              "generated parameter " + p.getName() + " of " + name + " matches no contract parameter"));
      wireNames.add(wire);
      types.add(p.getType());
    }
    if (wireNames.size() != contract.parameters().size()) {
      throw new IllegalStateException(name + " has " + wireNames.size() + " parameters, the contract "
          + contract.parameters().size());
    }
    return new GeneratedOperation(method, List.copyOf(wireNames), List.copyOf(types));
  }

  /** The contract parameter behind each argument of the generated method, in its argument order. */
  List<String> wireNames() {
    return wireNames;
  }

  @SuppressWarnings("unchecked")
  ApiResponse<CreateTrafficMirrorSessionResponse> invoke(TrafficMirrorApi api, Map<String, String> parameters)
      throws ApiException {
    Object[] args = new Object[wireNames.size()];
    for (int i = 0; i < args.length; i++) {
      String value = parameters.get(wireNames.get(i));
      args[i] = value == null ? null : convert(value, types.get(i));
    }
    try {
      return (ApiResponse<CreateTrafficMirrorSessionResponse>) method.invoke(api, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof ApiException api1) {
        throw api1;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object convert(String value, Class<?> type) {
    if (type == String.class) {
      return value;
    }
    if (type == Integer.class) {
      return Integer.valueOf(value);
    }
    if (type == Long.class) {
      return Long.valueOf(value);
    }
    throw new IllegalStateException("no conversion to " + type.getName());
  }

  /** The generator's Java name of a wire name: {@code Tags.1.Key} → {@code tags1Key}. */
  static String javaName(String wireName) {
    StringBuilder out = new StringBuilder();
    boolean upperNext = false;
    for (char c : wireName.toCharArray()) {
      if (!Character.isLetterOrDigit(c)) {
        upperNext = true;
        continue;
      }
      if (out.length() == 0) {
        out.append(Character.toLowerCase(c));
      } else {
        out.append(upperNext ? Character.toUpperCase(c) : c);
      }
      upperNext = false;
    }
    return out.toString();
  }
}
