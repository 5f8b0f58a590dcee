package dev.stowage.cli;

import dev.stowage.api.ObjectInfo;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --json}: one JSON object per line on standard output, with field names that stay (the
 * README lists them). Absent values are left out, not written as null.
 */
final class JsonOutput {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JsonOutput() {}

  static void line(PrintWriter out, Map<String, ?> fields) {
    out.println(JSON.writeValueAsString(fields));
    out.flush();
  }

  /** An object: key (as named), size, modified, etag, checksums and metadata where known. */
  static Map<String, Object> object(ObjectInfo info, String key) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("key", key);
    fields.put("size", info.size());
    info.lastModified()
        .ifPresent(t -> fields.put("modified", DateTimeFormatter.ISO_INSTANT.format(t)));
    info.etag().ifPresent(etag -> fields.put("etag", etag));
    if (!info.checksums().isEmpty()) {
      Map<String, String> checksums = new TreeMap<>();
      info.checksums()
          .forEach(
              (algorithm, value) ->
                  checksums.put(algorithm.name().toLowerCase(Locale.ROOT), value));
      fields.put("checksums", checksums);
    }
    if (!info.userMetadata().isEmpty()) {
      fields.put("metadata", new TreeMap<>(info.userMetadata()));
    }
    return fields;
  }
}
