package dev.stowage.cli;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.Content;
import dev.stowage.api.DeleteResult;
import dev.stowage.api.ListRequest;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PreconditionFailedException;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.UnsupportedCapabilityException;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.internal.Listings;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A short, fixed series of requests under a scratch prefix of a live store, each finding one way
 * the store may differ from what its provider assumes, with the evidence. Everything it writes is
 * removed afterwards, also when a probe fails. Works through the SPI, so for every provider; the
 * provider's {@link dev.stowage.api.StorageProvider#bodyEncodings() body encodings} are each tried.
 */
final class StoreProbe {
  /** What a probe found. */
  enum Verdict {
    /** As the provider assumes. */
    OK,
    /** A difference the profile works around. */
    QUIRK,
    /** The store does not do it, and the provider does not declare it. */
    ABSENT
  }

  /** One line of the report. */
  record Finding(String probe, Verdict verdict, String evidence) {}

  /** The findings, and the options and withdrawn capabilities that make the store safe to use. */
  record Result(List<Finding> findings, Map<String, String> options, Set<Capability> withdrawn) {}

  private static final int SMALL = 1_024;

  private final Function<Map<String, String>, ObjectStore> opener;
  private final Map<String, Map<String, String>> encodings;
  private final Function<StorageOperation, Map<String, Map<String, String>>> variants;
  private final String prefix =
      "stowage-probe-" + UUID.randomUUID().toString().substring(0, 8) + "/";
  private final Random random = new Random(20261204);
  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, String> options = new LinkedHashMap<>();
  private final Set<Capability> withdrawn = EnumSet.noneOf(Capability.class);
  private final List<MultipartUpload> uploads = new ArrayList<>();
  private int keys;

  /**
   * @param opener opens the store with options added to the user's
   * @param encodings the provider's body encodings
   * @param variants the provider's variants of an operation
   */
  StoreProbe(
      Function<Map<String, String>, ObjectStore> opener,
      Map<String, Map<String, String>> encodings,
      Function<StorageOperation, Map<String, Map<String, String>>> variants) {
    this.opener = opener;
    this.encodings = encodings;
    this.variants = variants;
  }

  String prefix() {
    return prefix;
  }

  /** Runs every probe, then removes what they wrote. */
  Result run() {
    try (ObjectStore store = opener.apply(Map.of())) {
      try {
        attempt("body stored exactly", () -> bodies(store));
        try (ObjectStore chosen = opener.apply(options)) {
          // first, as they may choose options (a listing the store answers) the others need
          withVariants(
              chosen,
              ListingProbe.NAME,
              StorageOperation.LIST,
              s -> ListingProbe.run(s, key("listing/")));
          withVariants(
              chosen,
              BatchDeleteProbe.NAME,
              StorageOperation.DELETE,
              s -> BatchDeleteProbe.run(s, key("batch/")));
        }
        try (ObjectStore chosen = opener.apply(options)) {
          attempt(
              ChecksumProbe.NAME,
              () -> findings.add(ChecksumProbe.run(chosen, key(ChecksumProbe.NAME), bytes(SMALL))));
          attempt("conditional create", () -> conditionalCreate(chosen));
          attempt("atomic overwrite", () -> overwrite(chosen));
          attempt(ClockProbe.NAME, () -> findings.add(ClockProbe.run(chosen, key("clock"))));
          attempt(
              LeadingSlashProbe.NAME,
              () -> findings.add(LeadingSlashProbe.run(chosen, key("slash"), withdrawn)));
          attempt("multipart", () -> multipart(chosen));
        }
      } finally {
        // with what the probes chose (a listing the store answers, for one)
        try (ObjectStore chosen = opener.apply(options)) {
          cleanUp(chosen);
        }
      }
    }
    return new Result(List.copyOf(findings), Map.copyOf(options), Set.copyOf(withdrawn));
  }

  /** Runs a probe; a failure it did not expect is a finding too, and the next probe runs. */
  private void attempt(String probe, Runnable run) {
    try {
      run.run();
    } catch (StorageException e) {
      add(probe, Verdict.QUIRK, "failed: " + e.getMessage());
    }
  }

  /**
   * Runs a probe, and where it fails, again with each of the provider's variants of its operation.
   */
  private void withVariants(
      ObjectStore chosen, String name, StorageOperation operation, ProbeVariants.Probe probe) {
    attempt(
        name,
        () ->
            findings.add(
                ProbeVariants.run(
                    name, chosen, probe, variants.apply(operation), opener, options)));
  }

  /** Is a body stored exactly, with the default encoding and with each the provider offers? */
  private void bodies(ObjectStore store) {
    String defaults = storedExactly(store, "default");
    add("body stored exactly (default)", defaults == null ? Verdict.OK : Verdict.QUIRK, defaults);
    for (Map.Entry<String, Map<String, String>> encoding : encodings.entrySet()) {
      String problem;
      try (ObjectStore variant = opener.apply(encoding.getValue())) {
        problem = storedExactly(variant, encoding.getKey());
      }
      add(
          "body stored exactly (" + encoding.getKey() + ", " + encoding.getValue() + ")",
          problem == null ? Verdict.OK : Verdict.QUIRK,
          problem);
      if (defaults != null && problem == null && options.isEmpty()) {
        options.putAll(encoding.getValue());
      }
    }
  }

  /** Writes 1 KiB and 0 bytes; null if both read back exactly, else what differed. */
  private String storedExactly(ObjectStore store, String encoding) {
    for (int size : new int[] {SMALL, 0}) {
      byte[] sent = bytes(size);
      String key = key("body-" + encoding + "-" + size);
      try {
        store.put(key, Content.ofBytes(sent), WriteOptions.DEFAULTS);
        long stored = store.stat(key).map(ObjectInfo::size).orElse(-1L);
        byte[] read = read(store, key);
        if (stored != size || !Arrays.equals(read, sent)) {
          return size
              + " bytes sent, the store holds "
              + (stored < 0 ? "nothing" : stored + " bytes")
              + (read.length == size ? " with other content" : "");
        }
      } catch (StorageException | IOException e) {
        return size + " bytes sent, refused: " + e.getMessage();
      }
    }
    return null;
  }

  /** Does a create-only write refuse a key that exists? */
  private void conditionalCreate(ObjectStore store) {
    if (!store.capabilities().supports(Capability.CONDITIONAL_CREATE)) {
      add("conditional create", Verdict.ABSENT, "not declared by the provider");
      return;
    }
    String key = key("create-only");
    WriteOptions createOnly = WriteOptions.builder().createOnly(true).build();
    store.put(key, Content.ofBytes(bytes(1)), createOnly);
    try {
      store.put(key, Content.ofBytes(bytes(2)), createOnly);
      withdrawn.add(Capability.CONDITIONAL_CREATE);
      add(
          "conditional create",
          Verdict.QUIRK,
          "a second create-only write of the same key replaced the object (If-None-Match ignored)");
    } catch (PreconditionFailedException e) {
      add("conditional create", Verdict.OK, "a second create-only write was refused");
    }
  }

  /** Does a reader during an overwrite see the old or the new object whole, never a mix? */
  private void overwrite(ObjectStore store) {
    if (!store.capabilities().supports(Capability.ATOMIC_WRITE)) {
      add("atomic overwrite", Verdict.ABSENT, "not declared by the provider");
      return;
    }
    OverwriteProbe.Outcome outcome =
        OverwriteProbe.run(store, key("overwrite"), bytes(64 * SMALL), bytes(64 * SMALL + 1));
    if (outcome.torn() != null) {
      withdrawn.add(Capability.ATOMIC_WRITE);
      add("atomic overwrite", Verdict.QUIRK, outcome.torn());
    } else {
      add(
          "atomic overwrite",
          Verdict.OK,
          outcome.reads()
              + " reads during "
              + OverwriteProbe.OVERWRITES
              + " overwrites each found the old or the new object whole");
    }
  }

  /** Upload listing, part listing, the multipart ETag, abort and the smallest part. */
  private void multipart(ObjectStore store) {
    Capabilities capabilities = store.capabilities();
    if (!capabilities.supports(Capability.MULTIPART)) {
      add("multipart", Verdict.ABSENT, "not declared by the provider");
      return;
    }
    if (capabilities.supports(Capability.LIST_MULTIPART_UPLOADS)) {
      try {
        store.listMultipartUploads(prefix);
        add("multipart upload listing", Verdict.OK, "answered");
      } catch (StorageException e) {
        withdrawn.add(Capability.LIST_MULTIPART_UPLOADS);
        add("multipart upload listing", Verdict.QUIRK, "refused: " + e.getMessage());
      }
    }
    int partSize = (int) Math.max(1, capabilities.minPartSize());
    String key = key("multipart");
    MultipartUpload upload = begin(store, key);
    CompletedPart first = store.uploadPart(upload, 1, Content.ofBytes(bytes(partSize)));
    CompletedPart last = store.uploadPart(upload, 2, Content.ofBytes(bytes(1)));
    try {
      int listed = store.listParts(upload, "").items().size();
      add("part listing", listed == 2 ? Verdict.OK : Verdict.QUIRK, listed + " of 2 parts listed");
    } catch (StorageException e) {
      add("part listing", Verdict.QUIRK, "refused: " + e.getMessage());
    }
    ObjectInfo done = store.completeMultipart(upload, List.of(first, last));
    uploads.remove(upload);
    String etag = done.etag().orElse("");
    add(
        "multipart ETag",
        Verdict.OK,
        (etag.matches("[0-9a-fA-F]{32}-[0-9]+") ? "MD5 of the parts' MD5s, " : "opaque, ")
            + (etag.isEmpty() ? "none" : etag));
    abort(store);
    smallestPart(store, partSize);
  }

  private void abort(ObjectStore store) {
    MultipartUpload upload = begin(store, key("aborted"));
    try {
      store.abortMultipart(upload);
    } catch (StorageException e) {
      add("abort", Verdict.QUIRK, "refused: " + e.getMessage() + "; sweep such uploads otherwise");
      return;
    }
    uploads.remove(upload);
    try {
      store.listParts(upload, "");
      add("abort", Verdict.QUIRK, "answered, but the upload's parts are still listed");
    } catch (ObjectNotFoundException e) {
      add("abort", Verdict.OK, "the upload is gone");
    } catch (StorageException e) {
      add("abort", Verdict.OK, "answered (the upload's parts cannot be listed to check)");
    }
  }

  private void smallestPart(ObjectStore store, int declared) {
    if (declared <= 1) {
      add("smallest part", Verdict.OK, "no minimum declared");
      return;
    }
    MultipartUpload upload = begin(store, key("small-parts"));
    try {
      CompletedPart first = store.uploadPart(upload, 1, Content.ofBytes(bytes(1)));
      CompletedPart last = store.uploadPart(upload, 2, Content.ofBytes(bytes(1)));
      store.completeMultipart(upload, List.of(first, last));
      uploads.remove(upload);
      add(
          "smallest part",
          Verdict.OK,
          "a 1-byte part was accepted before the last; the provider declares " + declared);
    } catch (PreconditionFailedException | UnsupportedCapabilityException e) {
      add("smallest part", Verdict.OK, "a 1-byte part before the last was refused, as declared");
    }
  }

  private MultipartUpload begin(ObjectStore store, String key) {
    MultipartUpload upload = store.initiateMultipart(key, WriteOptions.DEFAULTS);
    uploads.add(upload);
    return upload;
  }

  /** Aborts the uploads left open and deletes every object under the scratch prefix. */
  private void cleanUp(ObjectStore store) {
    List<String> failures = new ArrayList<>();
    List<String> open = new ArrayList<>();
    StorageException abortFailure = null;
    for (MultipartUpload upload : uploads) {
      try {
        store.abortMultipart(upload);
      } catch (StorageException e) {
        open.add(upload.key() + " (upload " + upload.uploadId() + ")");
        abortFailure = e;
      }
    }
    if (abortFailure != null) {
      failures.add(
          open.size()
              + " open uploads, "
              + open
              + ", as abort fails: "
              + abortFailure.getMessage());
    }
    int removed = 0;
    try {
      List<String> keys =
          Listings.objects(store, ListRequest.of(prefix)).map(ObjectInfo::key).toList();
      int batch = store.capabilities().maxDeleteBatch();
      for (int from = 0; from < keys.size(); from += batch) {
        DeleteResult result =
            store.deleteAll(keys.subList(from, Math.min(keys.size(), from + batch)));
        removed += result.deleted().size();
        result.failed().forEach((key, e) -> failures.add(key + ": " + e.getMessage()));
      }
    } catch (StorageException e) {
      failures.add(e.getMessage());
    }
    add(
        "clean-up",
        failures.isEmpty() ? Verdict.OK : Verdict.QUIRK,
        failures.isEmpty()
            ? "removed " + removed + " objects under " + prefix
            : "left behind under " + prefix + ": " + failures);
  }

  private void add(String probe, Verdict verdict, String evidence) {
    findings.add(new Finding(probe, verdict, evidence == null ? "" : evidence));
  }

  private String key(String name) {
    keys++;
    return prefix + keys + "-" + name;
  }

  private byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] read(ObjectStore store, String key) throws IOException {
    try (InputStream in = store.get(key, ByteRange.ALL)) {
      return in.readAllBytes();
    }
  }
}
