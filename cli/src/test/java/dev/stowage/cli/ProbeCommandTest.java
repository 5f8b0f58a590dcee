package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.engine.FaultProxy;
import dev.stowage.engine.ServerQuirk;
import dev.stowage.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stowage probe} against S3Proxy made to behave like S3-compatible servers that differ from
 * AWS (a {@link FaultProxy} with {@link ServerQuirk}s in front): it finds each quirk with its
 * evidence, leaves nothing behind, and the profile it writes makes {@code cp} round-trip byte for
 * byte where it would otherwise refuse.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProbeCommandTest {
  private static final String BUCKET = "probed";

  @TempDir Path temp;
  private S3ProxyServer server;
  private FaultProxy proxy;
  private List<String> options;

  @BeforeAll
  void start() throws IOException {
    server = S3ProxyServer.withoutAuthentication();
    server.createBucket(BUCKET);
    proxy = FaultProxy.start(server.port());
    List<String> arguments = new ArrayList<>();
    server
        .options()
        .forEach(
            (key, value) ->
                arguments.addAll(
                    List.of(
                        "-o",
                        key
                            + "="
                            + (key.equals("s3.endpoint") ? proxy.endpoint().toString() : value))));
    options = List.copyOf(arguments);
  }

  @AfterEach
  void clearQuirks() {
    proxy.clear();
  }

  @AfterAll
  void stop() {
    proxy.close();
    server.close();
  }

  @Test
  void findsOnlyS3ProxysLeadingSlashQuirkOnAPlainS3ProxyAndLeavesNothingBehind() {
    AbstractRemoteStoreCommandTest.Result probe =
        AbstractRemoteStoreCommandTest.run(options, "probe", "s3://" + BUCKET + "/plain");

    assertThat(probe.code()).as(probe.err()).isZero();
    if (!mixedRead(probe.out())) {
      assertThat(probe.out())
          .contains("OK     atomic overwrite: ")
          .contains("overwrites each found the old or the new object whole");
    }
    assertThat(probe.out())
        .contains("OK     body stored exactly (default)")
        .contains("OK     conditional create")
        .contains("OK     multipart upload listing")
        .contains("OK     clock: the store stamped a write ")
        .contains("OK     paged listing: 5 keys listed 2 a page, each once, in order")
        .contains("OK     clean-up: removed")
        .contains("QUIRK  keys starting with '/': ")
        .doesNotContain("option ");
    assertThat(withdrawals(probe.out()))
        .as("what the probe withdraws from a plain S3Proxy")
        .containsExactly("withdraw LEADING_SLASH_KEYS");
    assertThat(
            AbstractRemoteStoreCommandTest.run(options, "ls", "-r", "s3://" + BUCKET + "/plain/")
                .out())
        .as("what the probe left")
        .isBlank();
  }

  /**
   * S3Proxy may answer a read racing an overwrite with one version's checksum and the other's bytes
   * (the kit's MIXES_VERSIONS_IN_A_RACING_READ); the provider refuses such a read, and the probe
   * then finds the overwrite not atomic. That is S3Proxy's doing, in some runs, not all.
   */
  static boolean mixedRead(String probeOut) {
    return probeOut.contains("QUIRK  atomic overwrite: a read during an overwrite failed: ")
        && probeOut.contains("damaged in transit");
  }

  /** The probe's withdraw lines, but for ATOMIC_WRITE where S3Proxy mixed a racing read. */
  static List<String> withdrawals(String probeOut) {
    return probeOut
        .lines()
        .filter(line -> line.startsWith("withdraw "))
        .filter(line -> !(line.equals("withdraw ATOMIC_WRITE") && mixedRead(probeOut)))
        .toList();
  }

  @Test
  void findsAStoreClockHoursAheadOfThisMachines() {
    proxy.quirks(ServerQuirk.CLOCK_AHEAD);
    AbstractRemoteStoreCommandTest.Result probe =
        AbstractRemoteStoreCommandTest.run(options, "probe", "s3://" + BUCKET + "/clock");

    assertThat(probe.code()).as(probe.err()).isZero();
    assertThat(probe.out())
        .containsPattern("QUIRK  clock: the store stamped a write \\S+, 28[0-9]{3} s after")
        .contains("times compared across the two are off by that much");
  }

  @Test
  void findsAServerWithoutListObjectsV2ListsWithV1AndItsProfileMakesLsWork() throws IOException {
    proxy.quirks(ServerQuirk.NO_LIST_OBJECTS_V2);
    Path profile = temp.resolve("listing.json");
    AbstractRemoteStoreCommandTest.Result probe =
        AbstractRemoteStoreCommandTest.run(
            options, "probe", "--write", profile.toString(), "s3://" + BUCKET + "/listing");

    assertThat(probe.code()).as(probe.err()).isZero();
    assertThat(probe.out())
        .contains("QUIRK  paged listing: the default failed (")
        .contains("does not answer ListObjectsV2")
        .contains("ListObjects (v1) {s3.list-objects=v1}: 5 keys listed 2 a page, each once")
        .contains("OK     clean-up: removed")
        .contains("option   -o s3.list-objects=v1");
    assertThat(withdrawals(probe.out()))
        .as("withdrawn, with the listing the store answers")
        .containsExactly("withdraw LEADING_SLASH_KEYS");
    assertThat(probe.out())
        .contains("QUIRK  keys starting with '/': ")
        .doesNotContain("refused: list failed");

    AbstractRemoteStoreCommandTest.Result plain =
        AbstractRemoteStoreCommandTest.run(options, "ls", "s3://" + BUCKET + "/listing/");
    assertThat(plain.code()).as("ls without the profile").isNotZero();
    assertThat(plain.err()).contains("set s3.list-objects=v1");
    Path file = Files.write(temp.resolve("listed.bin"), bytes(10));
    List<String> withProfile = new ArrayList<>(options);
    withProfile.addAll(List.of("-o", "s3.quirks=" + profile));
    assertThat(
            AbstractRemoteStoreCommandTest.run(
                    withProfile, "cp", file.toString(), "s3://" + BUCKET + "/listing/listed.bin")
                .code())
        .isZero();
    AbstractRemoteStoreCommandTest.Result listed =
        AbstractRemoteStoreCommandTest.run(withProfile, "ls", "s3://" + BUCKET + "/listing/");
    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("listed.bin");
  }

  @Test
  void findsAServerThatRequiresContentMd5AndItsProfileMakesRmWork() throws IOException {
    proxy.quirks(ServerQuirk.REQUIRES_CONTENT_MD5);
    Path profile = temp.resolve("md5.json");
    AbstractRemoteStoreCommandTest.Result probe =
        AbstractRemoteStoreCommandTest.run(
            options, "probe", "--write", profile.toString(), "s3://" + BUCKET + "/md5");

    assertThat(probe.code()).as(probe.err()).isZero();
    assertThat(probe.out())
        .contains("QUIRK  batch delete: the default failed (")
        .contains("Set s3.content-md5=true")
        .contains("Content-MD5 {s3.content-md5=true}: 2 keys deleted in one request")
        .contains("OK     clean-up: removed")
        .contains("option   -o s3.content-md5=true");

    Path file = Files.write(temp.resolve("md5.bin"), bytes(10));
    for (String name : List.of("one.bin", "two.bin")) {
      assertThat(
              AbstractRemoteStoreCommandTest.run(
                      options, "cp", file.toString(), "s3://" + BUCKET + "/md5/" + name)
                  .code())
          .isZero();
    }
    AbstractRemoteStoreCommandTest.Result plain =
        AbstractRemoteStoreCommandTest.run(options, "rm", "-r", "s3://" + BUCKET + "/md5/");
    assertThat(plain.code()).as("rm -r without the profile").isNotZero();
    assertThat(plain.err()).contains("Set s3.content-md5=true");
    List<String> withProfile = new ArrayList<>(options);
    withProfile.addAll(List.of("-o", "s3.quirks=" + profile));
    AbstractRemoteStoreCommandTest.Result removed =
        AbstractRemoteStoreCommandTest.run(withProfile, "rm", "-r", "s3://" + BUCKET + "/md5/");
    assertThat(removed.code()).as(removed.err()).isZero();
    assertThat(
            AbstractRemoteStoreCommandTest.run(withProfile, "ls", "-r", "s3://" + BUCKET + "/md5/")
                .out())
        .isBlank();
  }

  @Test
  void findsTheKeptFramingAndItsProfileMakesCpCopyExactly() throws IOException {
    proxy.quirks(ServerQuirk.STORES_CHUNKED_FRAMING);
    Path file = Files.write(temp.resolve("framed.bin"), bytes(1_024));
    AbstractRemoteStoreCommandTest.Result refused =
        AbstractRemoteStoreCommandTest.run(
            options, "cp", file.toString(), "s3://" + BUCKET + "/framed/before.bin");
    assertThat(refused.code()).as("cp without the profile").isEqualTo(1);
    // the store refuses the framed body against the CRC-32C sent up front, or the engine finds
    // it stored wrong and removes it: either way nothing is kept
    assertThat(refused.err()).containsAnyOf("Nothing was kept", "[code BadDigest");
    assertThat(
            AbstractRemoteStoreCommandTest.run(
                    options, "stat", "s3://" + BUCKET + "/framed/before.bin")
                .code())
        .as("stat of the refused object")
        .isNotZero();

    Path profile = temp.resolve("framing.json");
    AbstractRemoteStoreCommandTest.Result probe =
        AbstractRemoteStoreCommandTest.run(
            options, "probe", "--write", profile.toString(), "s3://" + BUCKET + "/framed");

    assertThat(probe.code()).as(probe.err()).isZero();
    assertThat(probe.out())
        .contains("QUIRK  body stored exactly (default): 1024 bytes sent, ")
        .contains("OK     body stored exactly (plain")
        .contains("option   -o s3.chunked-encoding=false");
    assertThat(Files.readString(profile)).contains("\"s3.chunked-encoding\" : \"false\"");

    List<String> withProfile = new ArrayList<>(options);
    withProfile.addAll(List.of("-o", "s3.quirks=" + profile));
    AbstractRemoteStoreCommandTest.Result copied =
        AbstractRemoteStoreCommandTest.run(
            withProfile, "cp", "-v", file.toString(), "s3://" + BUCKET + "/framed/after.bin");
    assertThat(copied.code()).as(copied.err()).isZero();
    AbstractRemoteStoreCommandTest.Result back =
        AbstractRemoteStoreCommandTest.run(
            withProfile,
            "cp",
            "s3://" + BUCKET + "/framed/after.bin",
            temp.resolve("back.bin").toString());
    assertThat(back.code()).as(back.err()).isZero();
    assertThat(Files.readAllBytes(temp.resolve("back.bin"))).isEqualTo(Files.readAllBytes(file));
  }

  @Test
  void findsIgnoredConditionsAndMissingUploadListingAndWithdrawsThem() throws IOException {
    proxy.quirks(ServerQuirk.IGNORES_IF_NONE_MATCH, ServerQuirk.NO_UPLOAD_LISTING_OR_ABORT);
    Path profile = temp.resolve("conditions.json");
    AbstractRemoteStoreCommandTest.Result probe =
        AbstractRemoteStoreCommandTest.run(
            options, "probe", "--write", profile.toString(), "s3://" + BUCKET + "/conditions");

    assertThat(probe.code()).as(probe.err()).isZero();
    assertThat(probe.out())
        .contains("QUIRK  conditional create: a second create-only write")
        .contains("QUIRK  multipart upload listing: refused")
        .contains("QUIRK  abort: refused")
        .contains("withdraw CONDITIONAL_CREATE")
        .contains("withdraw LIST_MULTIPART_UPLOADS");

    List<String> withProfile = new ArrayList<>(options);
    withProfile.addAll(List.of("-o", "s3.quirks=" + profile));
    Path file = Files.write(temp.resolve("kept.bin"), bytes(10));
    AbstractRemoteStoreCommandTest.Result noClobber =
        AbstractRemoteStoreCommandTest.run(
            withProfile,
            "cp",
            "--no-clobber",
            file.toString(),
            "s3://" + BUCKET + "/conditions/kept.bin");
    assertThat(noClobber.code())
        .as("--no-clobber on a store that ignores the condition")
        .isEqualTo(2);
    assertThat(noClobber.err()).contains("cannot");
  }

  @Test
  void theKitPassesAQuirkyStoreWithItsProfileWithdrawingOnlyWhatItLacks() throws IOException {
    proxy.quirks(ServerQuirk.STORES_CHUNKED_FRAMING, ServerQuirk.IGNORES_IF_NONE_MATCH);
    Path profile = temp.resolve("kit.json");
    AbstractRemoteStoreCommandTest.Result probe =
        AbstractRemoteStoreCommandTest.run(
            options, "probe", "--write", profile.toString(), "s3://" + BUCKET + "/kit");
    assertThat(probe.code()).as(probe.err()).isZero();
    // what S3Proxy itself does differently from S3, as in TckCommandTest
    Path deviations =
        Files.writeString(temp.resolve("s3proxy-deviations"), S3ProxyServer.KIT_DEVIATIONS);
    Path reports = temp.resolve("kit-reports");

    List<String> withProfile = new ArrayList<>(options);
    withProfile.addAll(List.of("-o", "s3.quirks=" + profile));
    AbstractRemoteStoreCommandTest.Result kit =
        AbstractRemoteStoreCommandTest.run(
            withProfile,
            "tck",
            "-q",
            "--capability-overrides",
            deviations.toString(),
            "--report-dir",
            reports.toString(),
            "s3://" + BUCKET + "/kit");

    assertThat(kit.code()).as(kit.out() + kit.err()).isZero();
    ComplianceReport report = ComplianceReport.readJson(reports.resolve("report.json"));
    assertThat(report.overrides())
        .containsOnlyOnce(
            "CONDITIONAL_CREATE withdrawn (from " + deviations + " and s3.quirks=" + profile + ")");
  }

  @Test
  void refusesAFileThatIsNoProfileWithoutQuotingIt() throws IOException {
    Path credentials =
        Files.writeString(temp.resolve("credentials"), "aws_secret_access_key = CANARY-7d1e\n");
    List<String> wrong = new ArrayList<>(options);
    wrong.addAll(List.of("-o", "s3.quirks=" + credentials));

    AbstractRemoteStoreCommandTest.Result result =
        AbstractRemoteStoreCommandTest.run(wrong, "ls", "s3://" + BUCKET + "/");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains("s3.quirks=" + credentials + " is not a readable profile")
        .contains("line 1")
        .doesNotContain("CANARY")
        .doesNotContain("aws_secret_access_key");
  }

  private static byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
