package dev.stowage.tck;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a tally says of a case that did not pass: the reason in one line a provider's author can act
 * on, and the verdict of a conformance level.
 */
public final class CaseReasons {
  /** A case slower than this is named in the tally, with its time. */
  public static final long SLOW_MILLIS = 10_000;

  private static final int MOST_CHARACTERS = 800;
  private static final int MOST_CHARACTERS_OF_WHAT_DIFFERED = 300;
  private static final String ASSUMPTION = "Assumption failed: ";
  private static final Pattern STACK_FRAME =
      Pattern.compile(
          "\\s*(at \\S+\\(.*\\)|\\.\\.\\. \\d+ more|\\.\\.\\.\\(\\d+ remaining lines not displayed.*)\\s*");
  private static final String[][] ASSERTJ_WORDING = {
    {"Expecting code to raise a throwable.", "nothing was thrown"},
    {"Expecting actual throwable to be an instance of:", "expected an exception of type"},
    {"Expecting an empty Optional but was containing value:", "expected nothing, got"},
    {"Expecting empty but was:", "expected nothing, got"},
    {"Expecting actual:", "actual:"},
  };

  private CaseReasons() {}

  /**
   * Returns a failure's or a skip's message in one line: JUnit's "Assumption failed: " dropped, the
   * lines of an assertion's message joined, at most 800 characters.
   *
   * @param message the message, may be null
   * @return the reason, empty if there is none
   */
  public static String brief(String message) {
    if (message == null) {
      return "";
    }
    String text = message.strip();
    if (text.startsWith(ASSUMPTION)) {
      text = text.substring(ASSUMPTION.length());
    }
    String line =
        text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining(" "));
    return shortened(line, MOST_CHARACTERS);
  }

  /**
   * Returns what a failure says differed, in one plain line of at most 300 characters: an
   * assertion's message without stack frames and with AssertJ's wording made plain ("nothing was
   * thrown" for "Expecting code to raise a throwable."), or, for an exception a store threw where
   * none was expected, its type and message.
   *
   * @param thrown what failed the case
   * @return the line, empty if there is nothing to say
   */
  public static String plain(Throwable thrown) {
    String message = thrown.getMessage() == null ? "" : thrown.getMessage();
    if (!(thrown instanceof AssertionError)) {
      return shortened(
          thrown.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + brief(message)),
          MOST_CHARACTERS_OF_WHAT_DIFFERED);
    }
    String text =
        message
            .lines()
            .filter(line -> !STACK_FRAME.matcher(line).matches())
            .collect(Collectors.joining("\n"));
    for (String[] wording : ASSERTJ_WORDING) {
      text = text.replace(wording[0], wording[1]);
    }
    return shortened(brief(text), MOST_CHARACTERS_OF_WHAT_DIFFERED);
  }

  private static String shortened(String line, int most) {
    return line.length() > most ? line.substring(0, most) + " [...]" : line;
  }

  /**
   * Returns the tally's line for a case slower than {@link #SLOW_MILLIS}.
   *
   * @param name the case
   * @param millis how long it took
   * @return the line, empty for a case that was not slow
   */
  public static Optional<String> slowLine(String name, long millis) {
    return millis > SLOW_MILLIS
        ? Optional.of("  slow: " + name + " took " + millis / 1_000 + " s\n")
        : Optional.empty();
  }

  /**
   * Returns a level's verdict from its cases' counts.
   *
   * @param failed cases that failed
   * @param passed cases that passed and check a declared capability
   * @param refusalsPassed cases that passed and check the refusal of an undeclared one
   * @return "fails", "conforms", "not declared (typed refusal checked)" or "not tested"
   */
  public static String levelVerdict(long failed, long passed, long refusalsPassed) {
    if (failed > 0) {
      return "fails";
    }
    if (passed > 0) {
      return "conforms";
    }
    return refusalsPassed > 0 ? "not declared (typed refusal checked)" : "not tested";
  }
}
