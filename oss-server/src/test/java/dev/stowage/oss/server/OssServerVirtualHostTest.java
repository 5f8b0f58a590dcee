package dev.stowage.oss.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.ListObjectsV2Request;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Virtual-host addressing: the client, given a real-looking endpoint, puts the bucket in the Host
 * header; it reaches the server as its HTTP proxy, so no name needs to resolve.
 */
class OssServerVirtualHostTest {
  @ParameterizedTest
  @EnumSource(
      value = SignVersion.class,
      names = {"V1", "V4"})
  void servesBucketsNamedByTheHost(SignVersion version) throws IOException {
    try (OssServer server = OssServer.builder().domain("oss.test").build().start()) {
      server.createBucket("hosted");
      for (String endpoint :
          new String[] {"http://oss-cn-hangzhou.aliyuncs.com", "http://oss.test"}) {
        OSS client =
            TestClients.client(
                endpoint,
                server,
                version,
                server.accessKeySecret(),
                conf -> {
                  conf.setProxyHost("127.0.0.1");
                  conf.setProxyPort(server.endpoint().getPort());
                  conf.setSupportCname(false);
                });
        try {
          String key = "dir/virtual " + endpoint.length();
          client.putObject(
              "hosted", key, new ByteArrayInputStream("hi".getBytes(StandardCharsets.UTF_8)));
          try (InputStream in = client.getObject("hosted", key).getObjectContent()) {
            assertThat(in.readAllBytes()).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
          }
          assertThat(
                  client
                      .listObjectsV2(new ListObjectsV2Request("hosted").withPrefix("dir/"))
                      .getObjectSummaries())
              .anyMatch(o -> o.getKey().equals(key));
          assertThat(client.doesBucketExist("hosted")).isTrue();
          assertThat(client.doesBucketExist("absent")).isFalse();
        } finally {
          client.shutdown();
        }
      }
    }
  }
}
