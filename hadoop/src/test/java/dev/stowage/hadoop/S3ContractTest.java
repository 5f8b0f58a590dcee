package dev.stowage.hadoop;

/** Hadoop's contract suites on the S3 provider against S3Proxy. */
class S3ContractTest extends ContractSuites {
  @Override
  ContractStore store() {
    return ContractStore.S3;
  }
}
