package io.tmkit.server.http;

import jakarta.inject.Inject;
import jakarta.validation.ValidatorFactory;
import jakarta.ws.rs.ext.ContextResolver;
import org.glassfish.jersey.server.validation.ValidationConfig;

/**
 * Hands Jersey's validator the validator factory's own constraint-validator factory instead of
 * Jersey's injecting one. Hibernate Validator keeps an initialized validator on each constraint only
 * when the default factory is in use; with Jersey's, every one of the operation's constraints was
 * looked up per request in a shared map keyed by the annotation's attributes (about 5 % of a create).
 * The generated constraints are the built-in ones, which need no injection.
 */
public final class PlainValidatorFactory implements ContextResolver<ValidationConfig> {
  @Inject
  private ValidatorFactory factory;

  @Override
  public ValidationConfig getContext(Class<?> type) {
    return new ValidationConfig().constraintValidatorFactory(factory.getConstraintValidatorFactory());
  }
}
