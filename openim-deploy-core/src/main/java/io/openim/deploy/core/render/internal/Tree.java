/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds the ordered maps and lists that manifests are made of; null values are left out. */
public final class Tree {
  private Tree() {}

  /** A map of alternating keys and values, in that order; entries whose value is null are skipped. */
  public static Map<String, Object> map(@Nullable Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("map needs key/value pairs");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      Object value = keysAndValues[i + 1];
      if (value != null && !(value instanceof Map<?, ?> m && m.isEmpty())
          && !(value instanceof List<?> l && l.isEmpty())) {
        map.put((String) keysAndValues[i], value);
      }
    }
    return map;
  }

  /** A list of the non-null values. */
  public static List<Object> list(@Nullable Object... values) {
    List<Object> list = new ArrayList<>();
    for (Object value : values) {
      if (value != null) {
        list.add(value);
      }
    }
    return list;
  }

  /** A Kubernetes object: apiVersion, kind, metadata, then the rest. */
  public static Map<String, Object> object(
      String apiVersion, String kind, Map<String, Object> metadata, @Nullable Object... rest) {
    Map<String, Object> object = map("apiVersion", apiVersion, "kind", kind, "metadata", metadata);
    object.putAll(map(rest));
    return object;
  }
}
