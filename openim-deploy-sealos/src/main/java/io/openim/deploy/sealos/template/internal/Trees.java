/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/** Object trees as mutable maps and lists: copies of a plan's bodies, edited in place. */
public final class Trees {
  private Trees() {}

  /** A mutable deep copy of {@code body}, insertion order kept; scalars (Secrets too) as they are. */
  @SuppressWarnings("unchecked")
  public static <T> T copy(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, copy(v)));
      return (T) out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(copy(v)));
      return (T) out;
    }
    return value;
  }

  /** An insertion-ordered mutable map of alternating keys and values; null values are left out. */
  public static Map<String, Object> map(@Nullable Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      Object value = keysAndValues[i + 1];
      if (value != null) {
        out.put(String.valueOf(keysAndValues[i]), value);
      }
    }
    return out;
  }

  /** The map at {@code key} of {@code map}, created empty when absent. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> child(Map<String, Object> map, String key) {
    Object value = map.get(key);
    if (value instanceof Map<?, ?> found) {
      return (Map<String, Object>) found;
    }
    Map<String, Object> created = new LinkedHashMap<>();
    map.put(key, created);
    return created;
  }

  /** The map at {@code path} under {@code map}, or null when some step is missing or no map. */
  @SuppressWarnings("unchecked")
  public static @Nullable Map<String, Object> at(Map<String, Object> map, String... path) {
    Map<String, Object> current = map;
    for (String key : path) {
      if (!(current.get(key) instanceof Map<?, ?> next)) {
        return null;
      }
      current = (Map<String, Object>) next;
    }
    return current;
  }

  /** The list of maps at {@code key} of {@code map}; empty (and not stored) when absent. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> maps(@Nullable Map<String, Object> map, String key) {
    if (map != null && map.get(key) instanceof List<?> list) {
      return (List<Map<String, Object>>) list;
    }
    return new ArrayList<>();
  }

  /** The string at {@code key}, or null. */
  public static @Nullable String string(@Nullable Map<String, Object> map, String key) {
    return map != null && map.get(key) instanceof String s ? s : null;
  }

  /** The object's {@code metadata.name}. */
  public static String name(Map<String, Object> object) {
    String name = string(at(object, "metadata"), "name");
    return name == null ? "" : name;
  }

  /** The object's {@code kind}. */
  public static String kind(Map<String, Object> object) {
    String kind = string(object, "kind");
    return kind == null ? "" : kind;
  }

  /** The pod template's spec of a Deployment, StatefulSet or Job, or null for other kinds. */
  public static @Nullable Map<String, Object> podSpec(Map<String, Object> object) {
    return switch (kind(object)) {
      case "Deployment", "StatefulSet", "Job" -> at(object, "spec", "template", "spec");
      default -> null;
    };
  }

  /** The containers and init containers of an object's pod template; empty for other kinds. */
  public static List<Map<String, Object>> containers(Map<String, Object> object) {
    Map<String, Object> pod = podSpec(object);
    List<Map<String, Object>> out = new ArrayList<>(maps(pod, "initContainers"));
    out.addAll(maps(pod, "containers"));
    return out;
  }

  /**
   * Replaces every scalar under {@code tree} with {@code f(key, value)}, where {@code key} is the map
   * key the scalar is stored under (the enclosing one for list items).
   */
  @SuppressWarnings("unchecked")
  public static void rewrite(Object tree, String key, BiFunction<String, Object, Object> f) {
    if (tree instanceof Map<?, ?> map) {
      for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
        Object value = entry.getValue();
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
          rewrite(value, entry.getKey(), f);
        } else {
          entry.setValue(f.apply(entry.getKey(), value));
        }
      }
    } else if (tree instanceof List<?> list) {
      List<Object> items = (List<Object>) list;
      for (int i = 0; i < items.size(); i++) {
        Object value = items.get(i);
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
          rewrite(value, key, f);
        } else {
          items.set(i, f.apply(key, value));
        }
      }
    }
  }
}
