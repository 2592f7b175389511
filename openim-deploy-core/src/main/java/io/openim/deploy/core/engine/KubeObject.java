/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes object as the API server returned it, or any object nested in one: an immutable
 * tree of objects, lists, strings, numbers, booleans and nulls, read by path.
 *
 * <pre>{@code
 * KubeObject job = applier.read(ref).orElseThrow();
 * long active = job.integer("status", "active").orElse(0);
 * List<KubeObject> conditions = job.objects("status", "conditions");
 * }</pre>
 *
 * <p>A path names one key per level, so keys with dots ({@code app.kubernetes.io/name}) need no
 * escaping; an empty path is this object. Every accessor answers empty when the path leads
 * nowhere or to a value of another type, and never throws for that.
 *
 * <p>The metadata accessors ({@link #name()}, {@link #uid()}, ...) read {@code metadata}; on a
 * nested object, which has none, they answer empty strings. {@link #toString()} names the object
 * and never shows its contents, which may be a Secret's data. Immutable and thread-safe.
 *
 * @since 0.3
 */
public final class KubeObject {
  /** Never changed once built, never handed out of the engine. */
  private final JsonObject json;

  private KubeObject(JsonObject json) {
    this.json = json;
  }

  /**
   * The object {@code tree} describes, copied: maps with string keys, lists, strings, numbers,
   * booleans and nulls.
   *
   * @throws IllegalArgumentException if the tree holds any other value, naming where
   * @since 0.3
   */
  public static KubeObject of(Map<String, ?> tree) {
    return new KubeObject(toJson(Objects.requireNonNull(tree, "tree"), "").getAsJsonObject());
  }

  /**
   * The object {@code json} holds, taken over without a copy: for what the engine has just read
   * from the server, which nothing else holds or changes.
   */
  static KubeObject wrap(JsonObject json) {
    return new KubeObject(Objects.requireNonNull(json, "json"));
  }

  /** The tree itself, for the engine's readers; it must not be changed. */
  JsonObject json() {
    return json;
  }

  /**
   * The {@code apiVersion}, or an empty string.
   *
   * @since 0.3
   */
  public String apiVersion() {
    return string("apiVersion").orElse("");
  }

  /**
   * The {@code kind}, or an empty string.
   *
   * @since 0.3
   */
  public String kind() {
    return string("kind").orElse("");
  }

  /**
   * The {@code metadata.namespace}; empty for cluster-scoped objects.
   *
   * @since 0.3
   */
  public Optional<String> namespace() {
    return string("metadata", "namespace");
  }

  /**
   * The {@code metadata.name}, or an empty string.
   *
   * @since 0.3
   */
  public String name() {
    return string("metadata", "name").orElse("");
  }

  /**
   * The {@code metadata.uid}, or an empty string.
   *
   * @since 0.3
   */
  public String uid() {
    return string("metadata", "uid").orElse("");
  }

  /**
   * The {@code metadata.resourceVersion}, or an empty string.
   *
   * @since 0.3
   */
  public String resourceVersion() {
    return string("metadata", "resourceVersion").orElse("");
  }

  /**
   * The {@code metadata.labels}, in the server's order; empty when there are none.
   *
   * @since 0.3
   */
  public Map<String, String> labels() {
    return strings("metadata", "labels");
  }

  /**
   * The {@code metadata.annotations}, in the server's order; empty when there are none.
   *
   * @since 0.3
   */
  public Map<String, String> annotations() {
    return strings("metadata", "annotations");
  }

  /**
   * Whether {@code path} leads to a value, a JSON null included.
   *
   * @since 0.3
   */
  public boolean has(String... path) {
    return at(path) != null;
  }

  /**
   * The string at {@code path}; empty if there is none or it is not a string.
   *
   * @since 0.3
   */
  public Optional<String> string(String... path) {
    JsonElement value = at(path);
    return value instanceof JsonPrimitive p && p.isString() ? Optional.of(p.getAsString()) : Optional.empty();
  }

  /**
   * The whole number at {@code path}; empty if there is none, it is not a number, or it has a
   * fraction or does not fit a {@code long}.
   *
   * @since 0.3
   */
  public OptionalLong integer(String... path) {
    JsonElement value = at(path);
    if (!(value instanceof JsonPrimitive p) || !p.isNumber()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(new BigDecimal(p.getAsString()).longValueExact());
    } catch (ArithmeticException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * The boolean at {@code path}; empty if there is none or it is not a boolean.
   *
   * @since 0.3
   */
  public Optional<Boolean> bool(String... path) {
    JsonElement value = at(path);
    return value instanceof JsonPrimitive p && p.isBoolean() ? Optional.of(p.getAsBoolean()) : Optional.empty();
  }

  /**
   * The object at {@code path}; empty if there is none or it is not an object.
   *
   * @since 0.3
   */
  public Optional<KubeObject> object(String... path) {
    JsonElement value = at(path);
    return value instanceof JsonObject o ? Optional.of(o == json ? this : new KubeObject(o)) : Optional.empty();
  }

  /**
   * The objects of the list at {@code path}, in order, its other elements left out; empty if
   * there is no list there.
   *
   * @since 0.3
   */
  public List<KubeObject> objects(String... path) {
    List<KubeObject> out = new ArrayList<>();
    if (at(path) instanceof JsonArray array) {
      array.forEach(element -> {
        if (element instanceof JsonObject o) {
          out.add(new KubeObject(o));
        }
      });
    }
    return List.copyOf(out);
  }

  /**
   * A copy of the list at {@code path} as plain values (see {@link #toMap()}); empty if there is
   * no list there. The copy is the caller's to change.
   *
   * @since 0.3
   */
  public List<@Nullable Object> list(String... path) {
    return at(path) instanceof JsonArray array ? plainList(array) : new ArrayList<>();
  }

  /**
   * The string-valued entries of the object at {@code path} (labels, annotations, a ConfigMap's
   * or Secret's data), in order; entries of other types are left out.
   *
   * @since 0.3
   */
  public Map<String, String> strings(String... path) {
    Map<String, String> out = new LinkedHashMap<>();
    if (at(path) instanceof JsonObject object) {
      object.entrySet().forEach(e -> {
        if (e.getValue() instanceof JsonPrimitive p && p.isString()) {
          out.put(e.getKey(), p.getAsString());
        }
      });
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * A copy of the whole tree as plain Java values: {@link LinkedHashMap}s, {@link ArrayList}s,
   * {@link String}s, {@link Boolean}s, {@link Long}s for whole numbers that fit, {@link Double}s
   * for other numbers, and nulls. The copy is the caller's to change.
   *
   * @since 0.3
   */
  public Map<String, @Nullable Object> toMap() {
    return plainMap(json);
  }

  private @Nullable JsonElement at(String... path) {
    JsonElement here = json;
    for (String key : path) {
      if (!(here instanceof JsonObject object)) {
        return null;
      }
      here = object.get(Objects.requireNonNull(key, "path element"));
    }
    return here;
  }

  private static Map<String, @Nullable Object> plainMap(JsonObject object) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    object.entrySet().forEach(e -> out.put(e.getKey(), plain(e.getValue())));
    return out;
  }

  private static List<@Nullable Object> plainList(JsonArray array) {
    List<@Nullable Object> out = new ArrayList<>(array.size());
    array.forEach(element -> out.add(plain(element)));
    return out;
  }

  private static @Nullable Object plain(JsonElement element) {
    if (element instanceof JsonObject object) {
      return plainMap(object);
    }
    if (element instanceof JsonArray array) {
      return plainList(array);
    }
    if (!(element instanceof JsonPrimitive p)) {
      return null;
    }
    if (p.isBoolean()) {
      return p.getAsBoolean();
    }
    if (p.isString()) {
      return p.getAsString();
    }
    String number = p.getAsString();
    try {
      return Long.parseLong(number);
    } catch (NumberFormatException notWhole) {
      return Double.parseDouble(number);
    }
  }

  private static JsonElement toJson(@Nullable Object value, String where) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    if (value instanceof Map<?, ?> map) {
      JsonObject object = new JsonObject();
      map.forEach((key, v) -> {
        if (!(key instanceof String name)) {
          throw new IllegalArgumentException("map keys must be strings, but " + where + " has " + key);
        }
        object.add(name, toJson(v, where.isEmpty() ? name : where + "." + name));
      });
      return object;
    }
    if (value instanceof List<?> list) {
      JsonArray array = new JsonArray(list.size());
      for (int i = 0; i < list.size(); i++) {
        array.add(toJson(list.get(i), where + "[" + i + "]"));
      }
      return array;
    }
    if (value instanceof String s) {
      return new JsonPrimitive(s);
    }
    if (value instanceof Number n) {
      return new JsonPrimitive(n);
    }
    if (value instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    throw new IllegalArgumentException("values must be maps, lists, strings, numbers, booleans or null, but "
        + (where.isEmpty() ? "the tree" : where) + " is a " + value.getClass().getName());
  }

  /**
   * Whether {@code other} is a tree with the same keys and values.
   *
   * @since 0.3
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof KubeObject o && o.json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  /**
   * {@code KubeObject[Kind/namespace/name]}, never the contents.
   *
   * @since 0.3
   */
  @Override
  public String toString() {
    String namespace = namespace().map(n -> n + "/").orElse("");
    return "KubeObject[" + kind() + "/" + namespace + name() + "]";
  }
}
