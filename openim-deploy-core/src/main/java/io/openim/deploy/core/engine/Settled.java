/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether a live object already holds every field an apply would send, with the same value: then
 * the apply would change nothing and is left out. Fields the live object has beyond those (what
 * the server defaults, what controllers and other managers add) do not count; a field the last
 * apply set and this one does not is caught by the applied digest, which the body carries as an
 * annotation and which then differs. A value the server writes in another form (a quantity such
 * as {@code 0.5} stored as {@code 500m}) counts as different: the apply is sent, and changes
 * nothing.
 */
final class Settled {
  /** The fields that name the type, not compared. */
  private static final Set<String> TYPE = Set.of("apiVersion", "kind");

  private Settled() {}

  /**
   * Whether {@code live} holds all of {@code sent}, the body of an apply as JSON. Their {@code
   * apiVersion} and {@code kind} are not compared: the caller read {@code live} as that type, and
   * the items of a list carry neither (the list itself says what they are).
   */
  static boolean holds(JsonObject sent, JsonObject live) {
    JsonObject fields = "Secret".equals(sent.has("kind") ? sent.get("kind").getAsString() : "") ? asStored(sent) : sent;
    return fields.entrySet().stream().allMatch(field -> TYPE.contains(field.getKey())
        || within(field.getValue(), live.get(field.getKey())));
  }

  private static boolean within(JsonElement want, @Nullable JsonElement have) {
    if (want.isJsonNull()) {
      return have == null || have.isJsonNull();
    }
    if (have == null) {
      return false;
    }
    if (want.isJsonObject()) {
      if (!have.isJsonObject()) {
        return false;
      }
      JsonObject there = have.getAsJsonObject();
      for (Map.Entry<String, JsonElement> field : want.getAsJsonObject().entrySet()) {
        if (!within(field.getValue(), there.get(field.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (want.isJsonArray()) {
      if (!have.isJsonArray() || have.getAsJsonArray().size() != want.getAsJsonArray().size()) {
        return false;
      }
      JsonArray wanted = want.getAsJsonArray();
      JsonArray there = have.getAsJsonArray();
      for (int i = 0; i < wanted.size(); i++) {
        if (!within(wanted.get(i), there.get(i))) {
          return false;
        }
      }
      return true;
    }
    return want.equals(have); // gson compares numbers by value: 8080 equals 8080.0
  }

  /**
   * A Secret's body as the API server stores it: {@code stringData} is write-only, merged into
   * {@code data} base64-encoded (k8s.io/api core/v1 Secret: "stringData ... is never output when
   * reading from the API").
   */
  private static JsonObject asStored(JsonObject secret) {
    JsonElement strings = secret.get("stringData");
    if (strings == null || !strings.isJsonObject()) {
      return secret;
    }
    JsonObject stored = secret.deepCopy();
    stored.remove("stringData");
    JsonObject data = stored.has("data") && stored.get("data").isJsonObject() ? stored.getAsJsonObject("data")
        : new JsonObject();
    for (Map.Entry<String, JsonElement> entry : strings.getAsJsonObject().entrySet()) {
      data.addProperty(entry.getKey(), Base64.getEncoder().encodeToString(
          entry.getValue().getAsString().getBytes(StandardCharsets.UTF_8)));
    }
    stored.add("data", data);
    return stored;
  }
}
