package dev.stowage.bench;

import static dev.stowage.bench.TrialSettings.CONCURRENCY;
import static dev.stowage.bench.TrialSettings.PART_SIZE;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.UploadFileRequest;
import java.nio.file.Path;
import java.util.Map;

/**
 * The OSS SDK's side: {@code uploadFile} at its best settings, not its defaults (100 KB parts, one
 * thread): 8 MiB parts, 8 tasks, no checkpoint file, its CRC-64 check on, signature V4 as Stowage
 * signs.
 */
final class OssWork implements Work {
  private static final String KEY = "b8/oss-upload-file/object";

  private final TrialSettings settings;
  private final OSS oss;

  private OssWork(TrialSettings settings) {
    this.settings = settings;
    ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
    conf.setSignatureVersion(SignVersion.V4);
    this.oss =
        OSSClientBuilder.create()
            .endpoint(settings.endpoint())
            .credentialsProvider(
                new DefaultCredentialProvider(BenchServer.ACCESS_KEY, BenchServer.SECRET_KEY))
            .clientConfiguration(conf)
            .region("cn-hangzhou")
            .build();
  }

  static Work of(TrialSettings settings) {
    return new OssWork(settings);
  }

  @Override
  public void warmUp() throws Exception {
    upload(settings.path("warmFile"));
  }

  @Override
  public Map<String, Object> run() throws Exception {
    return Map.of("bytes", upload(settings.path("file")));
  }

  @Override
  public void cleanUp() {
    oss.deleteObject(BenchServer.BUCKET, KEY);
  }

  @Override
  public void close() {
    oss.shutdown();
  }

  private long upload(Path file) throws Exception {
    UploadFileRequest request = new UploadFileRequest(BenchServer.BUCKET, KEY);
    request.setUploadFile(file.toString());
    request.setPartSize(PART_SIZE);
    request.setTaskNum(CONCURRENCY);
    request.setEnableCheckpoint(false);
    try {
      oss.uploadFile(request);
    } catch (Exception e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("uploadFile failed", t);
    }
    return file.toFile().length();
  }
}
