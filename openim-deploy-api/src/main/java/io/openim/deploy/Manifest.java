/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One Kubernetes object of a plan, as a tree of maps, lists and scalars in the order it is
 * written out. Values of Kubernetes Secrets are {@link Secret}s, so printing a manifest redacts
 * them.
 *
 * @param phase when the object is applied
 * @param apiVersion the object's apiVersion
 * @param kind the object's kind
 * @param namespace its namespace, or null for cluster-scoped objects
 * @param name its name
 * @param body the whole object, {@code apiVersion} and {@code metadata} included; deeply
 *     unmodifiable
 * @since 0.1
 */
public record Manifest(
    Phase phase,
    String apiVersion,
    String kind,
    @Nullable String namespace,
    String name,
    Map<String, Object> body) {

  /** Checks the parts and makes a deeply unmodifiable copy of the body, keeping its order. */
  public Manifest {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    body = copyMap(Objects.requireNonNull(body, "body"), kind + "/" + name);
  }

  /** {@code Kind/namespace/name}, or {@code Kind/name} for cluster-scoped objects. */
  public String id() {
    return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }

  @Override
  public String toString() {
    return "Manifest[" + phase + " " + id() + "]";
  }

  private static Map<String, Object> copyMap(Map<?, ?> map, String where) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw new IllegalArgumentException(where + ": map keys must be strings");
      }
      copy.put(key, copyValue(entry.getValue(), where + "." + key));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static Object copyValue(@Nullable Object value, String where) {
    if (value instanceof Map<?, ?> map) {
      return copyMap(map, where);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(copyValue(list.get(i), where + "[" + i + "]"));
      }
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof String
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Boolean
        || value instanceof Secret) {
      return value;
    }
    throw new IllegalArgumentException(
        where + ": values must be maps, lists, strings, integers, booleans or Secrets, but was "
            + (value == null ? "null" : value.getClass().getName()));
  }
}
