package dev.stowage.tck;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The conformance level a contract case belongs to, such as {@code multipart}; cases without it are
 * {@code core}. {@link ContractReport} gives a verdict per level.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Conformance {
  /**
   * Returns the level's name.
   *
   * @return the name
   */
  String value();

  /**
   * Returns whether the case checks the typed refusal of a capability the store does not declare; a
   * level whose only passing cases are such reads "not declared (typed refusal checked)", not
   * "conforms".
   *
   * @return true for a refusal case
   */
  boolean refusal() default false;
}
