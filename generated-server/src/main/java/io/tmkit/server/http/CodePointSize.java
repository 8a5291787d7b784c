package io.tmkit.server.http;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.Size;

/**
 * Bean validation's {@code @Size} on text, counting Unicode code points as the contract does (its
 * lengths are JSON Schema's {@code minLength}/{@code maxLength}): the built-in validator counts UTF-16
 * units, so 128 astral characters, a valid tag key, would be 256 and refused. Registered in place of
 * the built-in ones by {@code META-INF/code-point-size.xml}; the generated interface puts {@code @Size}
 * on strings only.
 */
public final class CodePointSize implements ConstraintValidator<Size, CharSequence> {
  private int min;
  private int max;

  @Override
  public void initialize(Size size) {
    this.min = size.min();
    this.max = size.max();
  }

  @Override
  public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
    if (value == null) {
      return true;
    }
    int length = Character.codePointCount(value, 0, value.length());
    return length >= min && length <= max;
  }
}
