/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.chart;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.openim.deploy.SecretKey;
import java.util.Map;

/** A JSON Schema for a chart's values, derived from the values tree with rules per knob. */
final class Schema {
  private static final String QUANTITY = "^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$";
  /**
   * What a spec accepts for these credentials (SpecChecks): etcdctl takes a password as one word,
   * the Kafka image splits its passwords at white space, ',' and ';' and quotes them in JAAS.
   */
  private static final Map<SecretKey, String> CREDENTIAL_PATTERNS = Map.of(
      SecretKey.ETCD_ROOT_PASSWORD, "^\\S+$",
      SecretKey.ETCD_PASSWORD, "^\\S+$",
      SecretKey.KAFKA_PASSWORD, "^[^\\s,;\"\\\\]+$",
      SecretKey.KAFKA_BROKER_PASSWORD, "^[^\\s,;\"\\\\]+$");

  private Schema() {}

  /** The schema of {@code values}, as JSON text. */
  public static String of(Map<String, Object> values) {
    JsonObject root = object(values, "");
    root.addProperty("$schema", "https://json-schema.org/draft-07/schema#");
    root.addProperty("title", "Values of the OpenIM chart exported by openim-deploy");
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
  }

  @SuppressWarnings("unchecked")
  private static JsonObject object(Map<String, Object> node, String path) {
    JsonObject schema = new JsonObject();
    schema.addProperty("type", "object");
    JsonObject properties = new JsonObject();
    JsonArray required = new JsonArray();
    for (Map.Entry<String, Object> entry : node.entrySet()) {
      String child = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
      if (entry.getValue() instanceof Map<?, ?> map) {
        properties.add(entry.getKey(), object((Map<String, Object>) map, child));
      } else {
        properties.add(entry.getKey(), leaf(child, entry.getValue()));
      }
      if (!path.equals("credentials")) {
        required.add(entry.getKey());
      }
    }
    schema.add("properties", properties);
    if (path.equals("credentials")) {
      JsonObject credential = new JsonObject();
      credential.addProperty("type", "string");
      // what a spec accepts: any non-empty value (a six-digit chat super code is a fine one)
      credential.addProperty("minLength", 1);
      schema.add("additionalProperties", credential);
      CREDENTIAL_PATTERNS.forEach((key, pattern) -> {
        JsonObject restricted = credential.deepCopy();
        restricted.addProperty("pattern", pattern);
        properties.add(key.secretKey(), restricted);
      });
    } else {
      schema.addProperty("additionalProperties", false);
      schema.add("required", required);
    }
    return schema;
  }

  private static JsonObject leaf(String path, Object value) {
    JsonObject schema = new JsonObject();
    if (value instanceof Integer) {
      schema.addProperty("type", "integer");
      schema.addProperty("minimum", 1);
      if (path.equals("components.crontask.replicas")) {
        schema.addProperty("maximum", 1);
        schema.addProperty("description", "crontask takes no lock: exactly one replica");
      }
    } else {
      schema.addProperty("type", "string");
      schema.addProperty("minLength", 1);
      if (path.contains(".resources.") || path.endsWith(".storageSize")) {
        schema.addProperty("pattern", QUANTITY);
      }
    }
    return schema;
  }
}
