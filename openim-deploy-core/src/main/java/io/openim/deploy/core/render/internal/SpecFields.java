/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads from a parsed spec file's mappings for {@link SpecReader}: each value of the wrong
 * shape is recorded as a {@link Violation} at its path (prefix plus key) and read as absent, so
 * one pass reports every problem.
 */
final class SpecFields {
  private final List<Violation> violations;

  SpecFields(List<Violation> violations) {
    this.violations = violations;
  }

  /** The option named {@code value}, case aside; empty, and a violation, if none is. */
  Optional<Enum<?>> choice(String path, String value, Enum<?>[] options) {
    for (Enum<?> option : options) {
      if (option.name().equalsIgnoreCase(value)) {
        return Optional.of(option);
      }
    }
    add(path, "must be one of " + Arrays.stream(options).map(o -> o.name().toLowerCase(Locale.ROOT)).toList()
        + ", but was '" + value + "'");
    return Optional.empty();
  }

  /** Records a violation for each key of {@code map} not in {@code known}. */
  void keys(String prefix, Map<?, ?> map, Set<String> known) {
    for (Object key : map.keySet()) {
      if (!known.contains(String.valueOf(key))) {
        add(prefix + key, "is not a known key here; known: " + new TreeSet<>(known));
      }
    }
  }

  /** Passes the value at {@code key} to {@code setter} if it is there and a single value. */
  void ifText(Map<?, ?> map, String key, String prefix, Consumer<String> setter) {
    String value = text(map, key, prefix);
    if (value != null) {
      setter.accept(value);
    }
  }

  /** A single value (text, number or boolean) as text; null if absent or not a single value. */
  @Nullable String text(Map<?, ?> map, String key, String prefix) {
    Object value = map.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    add(prefix + key, "must be a single value");
    return null;
  }

  /** true or false; null if absent or neither. */
  @Nullable Boolean bool(Map<?, ?> map, String key, String prefix) {
    Object value = map.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    add(prefix + key, "must be true or false, but was '" + value + "'");
    return null;
  }

  /** A whole number; null if absent or not one. */
  @Nullable Integer integer(Map<?, ?> map, String key, String prefix) {
    Object value = map.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Integer i) {
      return i;
    }
    add(prefix + key, "must be a whole number, but was '" + value + "'");
    return null;
  }

  /** A nested mapping; null if absent or not a mapping. */
  @Nullable Map<?, ?> map(Map<?, ?> parent, String key, String prefix) {
    Object value = parent.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?> m) {
      return m;
    }
    add(prefix + key, "must be a mapping");
    return null;
  }

  /** A list, each element as text; empty if absent or not a list. */
  List<String> strings(Map<?, ?> map, String key, String prefix) {
    Object value = map.get(key);
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof List<?> list)) {
      add(prefix + key, "must be a list");
      return out;
    }
    list.forEach(v -> out.add(String.valueOf(v)));
    return out;
  }

  /** Records one problem at {@code path}. */
  void add(String path, String message) {
    violations.add(new Violation(path, message));
  }
}
