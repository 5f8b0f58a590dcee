package dev.stowage.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartialFilesTest {
  @TempDir Path temp;

  @Test
  void aShortNameIsKeptAsItIs() {
    Path partial = PartialFiles.singleUse(temp.resolve("db.dump"));
    assertThat(partial.getParent()).isEqualTo(temp);
    assertThat(partial.getFileName().toString()).startsWith(".db.dump.stowage-").endsWith(".part");
    assertThat(PartialFiles.isSingleUse(partial.getFileName().toString())).isTrue();
    assertThat(PartialFiles.isSingleUse("db.dump")).isFalse();
    for (String resumable : new String[] {".db.dump.stowage.part", ".db.dump.stowage.lock"}) {
      assertThat(PartialFiles.isPartial(resumable)).isTrue();
      assertThat(PartialFiles.isSingleUse(resumable)).isFalse();
    }
    assertThat(PartialFiles.isPartial(partial.getFileName().toString())).isTrue();
    assertThat(PartialFiles.isPartial(".db.dump")).isFalse();
    assertThat(PartialFiles.isPartial("db.stowage.part"))
        .as("not hidden: a file's own name")
        .isFalse();
    assertThat(PartialFiles.base(temp.resolve("db.dump"))).isEqualTo(".db.dump.stowage");
  }

  @Test
  void theLongestLegalNameStillGetsAPartialFileTheFileSystemTakes() throws IOException {
    // 255 bytes, the most a name may have: 85 three-byte characters
    String longest = "€".repeat(85);
    assertThat(longest.getBytes(StandardCharsets.UTF_8)).hasSize(255);
    String other = "€".repeat(84) + "x";
    Path partial = PartialFiles.singleUse(temp.resolve(longest));

    Files.write(partial, new byte[1]); // "File name too long" if it were not shortened
    for (String suffix : new String[] {".part", ".ranges", ".lock"}) {
      Files.write(temp.resolve(PartialFiles.base(temp.resolve(longest)) + suffix), new byte[1]);
    }
    assertThat(PartialFiles.isSingleUse(partial.getFileName().toString())).isTrue();
    assertThat(PartialFiles.base(temp.resolve(longest)))
        .as("two long names that share a start keep apart")
        .isNotEqualTo(PartialFiles.base(temp.resolve(other)))
        .isEqualTo(PartialFiles.base(temp.resolve(longest)));
  }
}
