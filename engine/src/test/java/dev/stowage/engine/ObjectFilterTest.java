package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Globs as rclone writes them, and the size and age limits. */
class ObjectFilterTest {
  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource({
    "*.txt, a.txt, true",
    "*.txt, dir/a.txt, true",
    "*.txt, a.txt.gz, false",
    "/*.txt, dir/a.txt, false",
    "/*.txt, a.txt, true",
    "dir/*, dir/a, true",
    "dir/*, dir/sub/a, false",
    "dir/**, dir/sub/a, true",
    "dir/**, other/dir/sub/a, true",
    "/dir/**, other/dir/sub/a, false",
    "?.db, a.db, true",
    "?.db, ab.db, false",
    "[ab].db, b.db, true",
    "[!ab].db, c.db, true",
    "[!ab].db, a.db, false",
    "'*.{jpg,png}', x/y.png, true",
    "'*.{jpg,png}', x/y.gif, false",
    "a\\*b, a*b, true",
    "a\\*b, axb, false",
    "'with space + plus.txt', sub/with space + plus.txt, true"
  })
  void matchesAsRcloneDoes(String glob, String key, boolean taken) {
    ObjectFilter filter = ObjectFilter.builder().include(glob).build();
    assertThat(filter.accepts(key, 1, Optional.empty())).isEqualTo(taken);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[abc", "{a,b", "a}", "trailing\\"})
  void refusesAMalformedGlobSayingWhy(String glob) {
    assertThatThrownBy(() -> ObjectFilter.builder().include(glob))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("glob");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"a.log, false", "keep.log, false", "a.db, true", "old/a.db, false"})
  void anExcludeWinsOverAnInclude(String key, boolean taken) {
    ObjectFilter filter =
        ObjectFilter.builder()
            .include("*.db")
            .include("*.log")
            .exclude("*.log")
            .exclude("old/**")
            .build();
    assertThat(filter.accepts(key, 1, Optional.empty())).isEqualTo(taken);
  }

  @ParameterizedTest(name = "{0} bytes, {1} h old")
  @CsvSource({"10, 1, false", "100, 1, true", "5000, 1, false", "100, 48, false", "100, 23, true"})
  void leavesOutBySizeAndAge(long size, long hoursOld, boolean taken) {
    Instant now = Instant.parse("2026-12-05T00:00:00Z");
    ObjectFilter filter =
        ObjectFilter.builder()
            .minSize(100)
            .maxSize(4096)
            .maxAge(Duration.ofHours(24), Clock.fixed(now, ZoneOffset.UTC))
            .build();
    assertThat(filter.accepts("k", size, Optional.of(now.minus(Duration.ofHours(hoursOld)))))
        .isEqualTo(taken);
    assertThat(
            ObjectFilter.builder()
                .includeKeys(List.of("a/b"))
                .build()
                .accepts("a/b", 1, Optional.empty()))
        .isTrue();
  }
}
