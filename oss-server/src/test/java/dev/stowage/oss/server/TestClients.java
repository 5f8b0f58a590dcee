package dev.stowage.oss.server;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import java.util.function.Consumer;

/** Official clients for a test server: no retries unless asked, V1 or V4 signing. */
final class TestClients {
  private TestClients() {}

  static OSS v1(OssServer server) {
    return client(server, SignVersion.V1, server.accessKeySecret(), conf -> {});
  }

  static OSS v4(OssServer server) {
    return client(server, SignVersion.V4, server.accessKeySecret(), conf -> {});
  }

  static OSS client(
      OssServer server,
      SignVersion version,
      String secret,
      Consumer<ClientBuilderConfiguration> settings) {
    return client(server.endpoint().toString(), server, version, secret, settings);
  }

  static OSS client(
      String endpoint,
      OssServer server,
      SignVersion version,
      String secret,
      Consumer<ClientBuilderConfiguration> settings) {
    ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
    conf.setMaxErrorRetry(0);
    conf.setSignatureVersion(version);
    settings.accept(conf);
    return OSSClientBuilder.create()
        .endpoint(endpoint)
        .credentialsProvider(new DefaultCredentialProvider(server.accessKeyId(), secret))
        .clientConfiguration(conf)
        .region("cn-hangzhou")
        .build();
  }
}
