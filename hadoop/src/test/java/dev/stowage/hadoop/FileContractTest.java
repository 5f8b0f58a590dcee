package dev.stowage.hadoop;

/** Hadoop's contract suites on the filesystem store. */
class FileContractTest extends ContractSuites {
  @Override
  ContractStore store() {
    return ContractStore.FILE;
  }
}
