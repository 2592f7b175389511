/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template.internal;

import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.core.render.PlanYaml;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** How templates are read and written: plain maps, lists and scalars; block style, no folding. */
public final class TemplateYaml {
  private TemplateYaml() {}

  /** A loader that builds only maps, lists and scalars, whatever tags the text carries. */
  public static Yaml loader() {
    return new Yaml(new SafeConstructor(new LoaderOptions()));
  }

  /**
   * One object as YAML, written as core writes a plan's objects (block style, lines never folded:
   * our renderer, like Sealos's, replaces expressions line by line, so an expression must never be
   * split across two).
   *
   * @throws IllegalArgumentException if the object holds a value no manifest may (null, a float)
   */
  public static String dump(Map<String, Object> object) {
    return PlanYaml.export(new Manifest(Phase.FOUNDATION, text(object.get("apiVersion")), text(object.get("kind")),
        null, text(object.get("metadata") instanceof Map<?, ?> m ? m.get("name") : null), object));
  }

  private static String text(@Nullable Object value) {
    return value instanceof String s ? s : "";
  }
}
