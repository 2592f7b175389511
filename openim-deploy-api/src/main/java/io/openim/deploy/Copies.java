/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable copies for the records' constructors that name a null where they refuse it: {@link
 * List#copyOf} alone throws a NullPointerException without a message.
 */
final class Copies {
  private Copies() {}

  /** A copy of {@code list}, named {@code name} in the error if it or an element is null. */
  static <T> List<T> list(List<T> list, String name) {
    Objects.requireNonNull(list, name);
    for (int i = 0; i < list.size(); i++) {
      Objects.requireNonNull(list.get(i), name + "[" + i + "]");
    }
    return List.copyOf(list);
  }

  /** A copy of {@code map}, named {@code name} in the error if it, a key or a value is null. */
  static <K, V> Map<K, V> map(Map<K, V> map, String name) {
    Objects.requireNonNull(map, name);
    map.forEach((key, value) -> {
      Objects.requireNonNull(key, () -> name + " has a null key");
      Objects.requireNonNull(value, () -> name + "[" + key + "]");
    });
    return Map.copyOf(map);
  }
}
