/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.Secret;
import io.openim.deploy.core.render.PlanYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** The two ways openim-deploy reads and writes YAML files people look at. */
public final class Yamls {
  private Yamls() {}

  /** A loader that builds only plain maps, lists and scalars, whatever tags the text carries. */
  public static Yaml safeLoader() {
    return new Yaml(new SafeConstructor(new LoaderOptions()));
  }

  /** The top-level mapping of a YAML text; empty when the text is no mapping or no valid YAML. */
  public static Map<?, ?> mappingOrEmpty(String text) {
    try {
      return safeLoader().load(text) instanceof Map<?, ?> map ? map : Map.of();
    } catch (YAMLException notYaml) {
      return Map.of();
    }
  }

  /**
   * A copy of a manifest body as a dumper takes it: maps, lists and scalars, each {@link Secret}
   * replaced by its value when {@code reveal}, else by {@value PlanYaml#REDACTED}.
   */
  public static Object plain(Object value, boolean reveal) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, plain(v, reveal)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(plain(v, reveal)));
      return out;
    }
    if (value instanceof Secret secret) {
      return reveal ? secret.reveal() : PlanYaml.REDACTED;
    }
    return value;
  }

  /** A dumper for files people read and diff: block style, two-space indent, no line folding. */
  public static Yaml blockDumper() {
    return new Yaml(PlanYaml.blockStyle());
  }
}
