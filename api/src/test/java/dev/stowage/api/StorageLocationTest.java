package dev.stowage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StorageLocationTest {
  @Test
  void parsesFileUrisAndBarePathsAsAbsoluteNormalisedPaths() {
    StorageLocation uri = StorageLocation.parse("file:///var/backups/../data/");
    assertThat(uri.scheme()).isEqualTo("file");
    assertThat(uri.path()).isEqualTo("/var/data");
    assertThat(uri.bucket()).isEmpty();
    assertThat(uri.toString()).isEqualTo("file:///var/data");

    StorageLocation bare = StorageLocation.parse("relative/dir");
    assertThat(bare.localPath()).contains(java.nio.file.Path.of(bare.path()));
    assertThat(bare.path()).isEqualTo(Path.of("relative/dir").toAbsolutePath().toString());
  }

  @Test
  void parsesS3WithPrefixAndParameters() {
    StorageLocation location =
        StorageLocation.parse(
            "S3://backups/db/2026/?region=eu-west-1&endpoint=https%3A%2F%2Fminio%3A9000");
    assertThat(location.scheme()).isEqualTo("s3");
    assertThat(location.bucket()).isEqualTo("backups");
    assertThat(location.path()).isEqualTo("db/2026/");
    assertThat(location.parameter("region")).contains("eu-west-1");
    assertThat(location.parameter("endpoint")).contains("https://minio:9000");
  }

  @Test
  void takesThePathLiterally() {
    StorageLocation location = StorageLocation.parse("s3://b/a%20b/c d#e");
    assertThat(location.path()).isEqualTo("a%20b/c d#e");
  }

  @Test
  void derivesRegionAndEndpointFromAnOssHost() {
    StorageLocation location =
        StorageLocation.parse("oss://my-bucket.oss-cn-hangzhou-internal.aliyuncs.com/backups");
    assertThat(location.bucket()).isEqualTo("my-bucket");
    assertThat(location.path()).isEqualTo("backups");
    assertThat(location.parameter("region")).contains("cn-hangzhou");
    assertThat(location.parameter("endpoint")).contains("oss-cn-hangzhou-internal.aliyuncs.com");

    StorageLocation explicit =
        StorageLocation.parse("oss://b1.oss-us-west-1.aliyuncs.com/p?region=override");
    assertThat(explicit.parameter("region")).contains("override");
    assertThat(StorageLocation.parse("oss://plain/p").parameters()).isEmpty();
  }

  @Test
  void refusesCredentialsWithoutEchoingThem() {
    assertThatThrownBy(() -> StorageLocation.parse("s3://AKIAXXXX:SECRETVALUE@bucket/p"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("credentials")
        .hasMessageContaining("s3://****@bucket")
        .hasMessageNotContaining("SECRETVALUE")
        .hasMessageNotContaining("AKIAXXXX");
  }

  @Test
  void redactsSecretParameters() {
    StorageLocation location =
        StorageLocation.parse(
            "s3://b/p?region=us-east-1&secret-access-key=S3CR3T&x-amz-security-token=T0K3N&Signature=SIG");
    assertThat(location.toString())
        .isEqualTo(
            "s3://b/p?Signature=****&region=us-east-1&secret-access-key=****&x-amz-security-token=****");
    assertThat(location.parameter("secret-access-key")).contains("S3CR3T");
  }

  @Test
  void refusesMissingBucketsEmptyInputAndBadQueries() {
    assertThatThrownBy(() -> StorageLocation.parse("s3:///prefix"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("no bucket");
    assertThatThrownBy(() -> StorageLocation.parse("  "))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> StorageLocation.parse("s3://b/p?a=1&a=2"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("'a' twice");
    assertThatThrownBy(() -> StorageLocation.parse("s3://b/p?a=%zz"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("%-escape");
    assertThatThrownBy(() -> StorageLocation.parse("file://host/path"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("three slashes");
  }

  @Test
  void changesThePathKeepingTheRest() {
    StorageLocation location = StorageLocation.parse("s3://b/old?region=r");
    assertThat(location.withPath("/new/")).isEqualTo(StorageLocation.parse("s3://b/new/?region=r"));
    assertThat(StorageLocation.parse("/tmp/x").withPath("/tmp/y").path()).isEqualTo("/tmp/y");
  }
}
