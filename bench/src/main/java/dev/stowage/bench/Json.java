package dev.stowage.bench;

import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** One-line JSON between the bench's processes, and its pretty result file. */
final class Json {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private Json() {}

  static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  static String pretty(Object value) {
    return PRETTY.writeValueAsString(value);
  }

  static Map<String, Object> read(String text) {
    return MAPPER.readValue(text, new TypeReference<Map<String, Object>>() {});
  }
}
