package dev.stowage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeysTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "a/b",
        "with space",
        "a+b",
        "%2F",
        "caf\u00e9",
        "\uD83D\uDE00",
        "...",
        "a..b",
        ".hidden",
        "x/.y"
      })
  void acceptsKeysThatRoundTrip(String key) {
    assertThat(Keys.problem(key, 1024)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/a",
        "a/",
        "a//b",
        ".",
        "..",
        "a/../b",
        "a/./b",
        "nul\u0000",
        "bell\u0007",
        "del\u007f",
        "back\\slash",
        "\uD800",
        "x\uDC00"
      })
  void refusesKeysThatWouldAliasOrEscape(String key) {
    assertThat(Keys.problem(key, 1024)).isPresent();
  }

  @Test
  void countsUtf8BytesAgainstTheLimit() {
    String emoji = "\uD83D\uDE00";
    assertThat(Keys.utf8Length(emoji + "\u00e9a")).isEqualTo(7);
    assertThat(Keys.problem("a".repeat(1020) + emoji, 1024)).isEmpty();
    assertThat(Keys.problem("a".repeat(1021) + emoji, 1024))
        .get()
        .asString()
        .contains("1025 bytes");
  }

  @Test
  void requireValidNamesTheKeyPrintably() {
    ErrorContext context = ErrorContext.of(StorageOperation.WRITE, "s3://b/");
    assertThatThrownBy(() -> Keys.requireValid("bad\u0001key", 1024, context))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("bad\\u0001key")
        .hasMessageContaining("U+0001");
  }

  @Test
  void ordersByUtf8BytesNotUtf16Units() {
    Random random = new Random(7);
    int[] pool = {'a', 'z', '/', '-', 0xe9, 0xff5e, 0xfffd, 0x1f600, 0x10348, 0x7ff, 0x800};
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      StringBuilder key = new StringBuilder();
      for (int j = random.nextInt(4) + 1; j > 0; j--) {
        key.appendCodePoint(pool[random.nextInt(pool.length)]);
      }
      keys.add(key.toString());
    }
    List<String> byComparator = new ArrayList<>(keys);
    byComparator.sort(Keys.UTF8_ORDER);
    List<String> byBytes = new ArrayList<>(keys);
    byBytes.sort(
        (a, b) ->
            Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
    assertThat(byComparator).isEqualTo(byBytes);
  }

  @Test
  void aStoreWithLeadingSlashKeysTakesOneLeadingSlashAndTheRestByTheRules() {
    Capabilities slash =
        Capabilities.builder().features(Capability.LEADING_SLASH_KEYS).maxKeyBytes(12).build();
    Capabilities plain = Capabilities.builder().maxKeyBytes(12).build();
    ErrorContext context = ErrorContext.of(StorageOperation.WRITE, StorageLocation.parse("s3://b"));

    assertThat(Keys.requireValid("/0000/x.ltx", slash, context)).isEqualTo("/0000/x.ltx");
    assertThat(Keys.requireValidPrefix("/", slash, context)).isEqualTo("/");
    assertThat(Keys.requireValidPrefix("/0000/", slash, context)).isEqualTo("/0000/");
    assertThat(Keys.requireValid("plain", slash, context)).isEqualTo("plain");
    assertThatThrownBy(() -> Keys.requireValid("/0000/x.ltx", plain, context))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("starts with '/'");
    assertThatThrownBy(() -> Keys.requireValidPrefix("/", plain, context))
        .isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> Keys.requireValid("//x", slash, context))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("after its leading '/', the rest starts with '/'")
        .hasMessageContaining("//x");
    assertThatThrownBy(() -> Keys.requireValid("/", slash, context))
        .isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> Keys.requireValid("/a/../b", slash, context))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("'..'");
    assertThatThrownBy(() -> Keys.requireValid("/0123456789ab", slash, context))
        .as("13 bytes, the slash counted")
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("13 bytes")
        .hasMessageContaining("maximum of 12");
  }
}
