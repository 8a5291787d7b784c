package io.tmkit.server.http;

import io.tmkit.contract.Violation;
import io.tmkit.server.api.TrafficMirrorApi;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.executable.ExecutableValidator;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import org.glassfish.jersey.inject.hk2.AbstractBinder;
import org.glassfish.jersey.server.model.Invocable;
import org.glassfish.jersey.server.spi.internal.ResourceMethodInvocationHandlerProvider;

/**
 * Calls the generated operation the way Jersey's bean-validation feature did, but answers what it
 * finds itself: the parameters and tags stages run here, on the arguments Jersey converted, before
 * the resource method. Unknown or repeated names come first in the contract's order, so when they
 * decide the answer the generated constraints are not run at all; otherwise Hibernate Validator
 * checks the generated constraints on the arguments and {@link ParameterStage} picks the documented
 * error. A fault is answered with its envelope as the method's result: no exception is thrown, filled
 * with a stack trace and looked up among the mappers for an answer that is known here (with Jersey's
 * feature, each invalid request cost a ConstraintViolationException, its mapping, and the
 * validation of the resource and of the returned Response besides).
 */
final class ValidatingInvoker implements ResourceMethodInvocationHandlerProvider {
  private final ParameterStage parameters;
  private final Answers answers;
  private final ExecutableValidator validator;

  ValidatingInvoker(ParameterStage parameters, Answers answers, ValidatorFactory factory) {
    this.parameters = parameters;
    this.answers = answers;
    this.validator = factory.getValidator().forExecutables();
  }

  /** Jersey asks only the providers bound without its "custom" qualifier, so this is bound, not registered. */
  AbstractBinder binder() {
    ValidatingInvoker self = this;
    return new AbstractBinder() {
      @Override
      protected void configure() {
        bind(self).to(ResourceMethodInvocationHandlerProvider.class);
      }
    };
  }

  @Override
  public InvocationHandler create(Invocable invocable) {
    // Only the generated operation; the admin resource keeps Jersey's plain call.
    return TrafficMirrorApi.class.isAssignableFrom(invocable.getHandler().getHandlerClass()) ? this::invoke : null;
  }

  private Object invoke(Object resource, Method method, Object[] args) throws Throwable {
    Exchange ex = Exchange.peek();
    if (ex == null || ex.parameters == null) {
      throw new IllegalStateException("the operation was reached without the envelope stage");
    }
    Optional<Violation> fault = parameters.checkNames(ex.parameters);
    if (fault.isEmpty()) {
      Set<ConstraintViolation<Object>> violations = validator.validateParameters(resource, method, args);
      fault = parameters.firstFaultAfterNames(ex.parameters, violations);
      if (fault.isEmpty() && !violations.isEmpty()) {
        throw new IllegalStateException("bean validation failed but no documented error applies: " + violations);
      }
    }
    return fault.isPresent() ? answers.error(fault.get()) : method.invoke(resource, args);
  }
}
