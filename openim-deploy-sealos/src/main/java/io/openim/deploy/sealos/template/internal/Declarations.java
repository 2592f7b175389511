/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What a Template document declares: its {@code spec.defaults} (name to unrendered value) and
 * {@code spec.inputs}. The Template is an {@code app.sealos.io/v1} Template whose {@code defaults}
 * entries are {@code {type, value}} and must include {@code app_name}, and whose {@code inputs}
 * entries are {@code {description, type, default, required}} with {@code options} for a choice
 * (docs/sealos.md "App Store templates").
 *
 * @param defaults every default, in the Template's order
 * @param inputs every input, in the Template's order
 */
public record Declarations(Map<String, String> defaults, Map<String, Input> inputs) {
  /** The apiVersion of the Template (controllers/app/api/v1/template_types.go, docs/sealos.md). */
  public static final String API_VERSION = "app.sealos.io/v1";

  /**
   * One input.
   *
   * @param type {@code string}, {@code boolean} or {@code choice}
   * @param defaultValue its unrendered default, empty when none
   * @param required whether rendering needs a non-empty value
   * @param options a choice's values
   */
  public record Input(String type, String defaultValue, boolean required, List<String> options) {}

  /** Reads the Template document {@code text} (whose first line is {@code firstLine}), adding problems. */
  @SuppressWarnings("unchecked")
  public static Declarations read(String text, int firstLine, List<String> problems) {
    Object loaded;
    try {
      loaded = TemplateYaml.loader().load(text);
    } catch (YAMLException e) {
      problems.add("line " + firstLine + ": the Template document is not YAML: " + e.getMessage());
      return new Declarations(Map.of(), Map.of());
    }
    if (!(loaded instanceof Map<?, ?> template) || !API_VERSION.equals(template.get("apiVersion"))
        || !"Template".equals(template.get("kind"))) {
      problems.add("line " + firstLine + ": the first document must be the " + API_VERSION + " Template"
          + " (Sealos reads the app's objects after it)");
      return new Declarations(Map.of(), Map.of());
    }
    Map<String, Object> spec = template.get("spec") instanceof Map<?, ?> s ? (Map<String, Object>) s : Map.of();
    Map<String, String> defaults = new LinkedHashMap<>();
    if (spec.get("defaults") instanceof Map<?, ?> declared) {
      declared.forEach((name, entry) -> {
        if (entry instanceof Map<?, ?> e && e.get("value") instanceof String value) {
          defaults.put(String.valueOf(name), value);
        } else {
          problems.add("Template spec.defaults." + name + ": must be {type: string, value: <text>}");
        }
      });
    }
    if (!defaults.containsKey("app_name")) {
      problems.add("Template spec.defaults: has no app_name, which the Template CRD requires");
    }
    Map<String, Input> inputs = new LinkedHashMap<>();
    if (spec.get("inputs") instanceof Map<?, ?> declared) {
      declared.forEach((name, entry) -> {
        if (entry instanceof Map<?, ?> e && e.get("type") instanceof String type) {
          List<String> options = new ArrayList<>();
          if (e.get("options") instanceof List<?> list) {
            list.forEach(o -> options.add(String.valueOf(o)));
          }
          Object given = e.get("default");
          inputs.put(String.valueOf(name), new Input(type, given == null ? "" : String.valueOf(given),
              Boolean.TRUE.equals(e.get("required")), List.copyOf(options)));
        } else {
          problems.add("Template spec.inputs." + name + ": must be {description, type, default, required}");
        }
      });
    }
    return new Declarations(Collections.unmodifiableMap(defaults), Collections.unmodifiableMap(inputs));
  }
}
