package dev.stowage.hadoop;

/** Hadoop's contract suites on the OSS provider against oss-server. */
class OssContractTest extends ContractSuites {
  @Override
  ContractStore store() {
    return ContractStore.OSS;
  }
}
