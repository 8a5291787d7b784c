package io.tmkit.server.world;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tmkit.contract.files.LocatedSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the server's own files (world, credentials) from JSON or YAML, told apart by the file's name
 * or else its text, as their schema check tells them ({@link LocatedSchema#isJson}). Unknown fields fail loudly: a typo in a world file should
 * not silently drop the condition the author meant to set up.
 */
public final class SpecReader {
  private static final ObjectMapper JSON = configure(new ObjectMapper());
  private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));

  private SpecReader() {}

  public static <T> T read(byte[] document, Class<T> type, String label) {
    try {
      return mapperFor(document, label).readValue(document, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot read " + label + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + label + ": " + e.getMessage(), e);
    }
  }

  public static String toJson(Object value) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectMapper mapperFor(byte[] document, String label) {
    // The same reading as the schema check's, which has already passed (a YAML flow mapping is YAML).
    return LocatedSchema.isJson(label, new String(document, StandardCharsets.UTF_8)) ? JSON : YAML;
  }


  private static ObjectMapper configure(ObjectMapper mapper) {
    return mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }
}
