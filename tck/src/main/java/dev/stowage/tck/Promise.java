package dev.stowage.tck;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The promise of the {@link dev.stowage.api.ObjectStore} contract a case checks, and where a
 * provider that breaks it usually went wrong. A failed case's message ends with both, so the author
 * of a provider can act on it without reading the kit's source.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Promise {
  /**
   * Returns the promise, one sentence in the words of the SPI's Javadoc.
   *
   * @return the sentence
   */
  String value();

  /**
   * Returns where to look when the promise is broken.
   *
   * @return the hint, one sentence
   */
  String hint();
}
