/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template.internal;

import io.openim.deploy.sealos.template.TemplateOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first document of a template, the {@code app.sealos.io/v1} Template: title, icon, readme,
 * categories, {@code templateType: inline}, the {@code defaults} ({@code {type, value}}, {@code
 * app_name} among them, which the CRD requires) and the {@code inputs} ({@code {description, type,
 * default, required}}); docs/sealos.md "App Store templates". Collects defaults and inputs as the
 * export finds them.
 */
public final class TemplateDocument {
  private final Map<String, Object> defaults = new LinkedHashMap<>();
  private final Map<String, Object> inputs = new LinkedHashMap<>();

  /** A Template whose instance is named {@code openim-<8 letters>} and hosted on 8 letters. */
  public TemplateDocument() {
    addDefault("app_name", "openim-" + Placeholders.random(8));
    addDefault("app_host", Placeholders.random(8));
  }

  /** Declares default {@code name} with {@code value}, which may hold one {@code ${{ random(n) }}}. */
  public void addDefault(String name, String value) {
    if (defaults.putIfAbsent(name, Trees.map("type", "string", "value", value)) != null) {
      throw new IllegalStateException("default " + name + " twice");
    }
  }

  /** Declares input {@code name}. */
  public void addInput(String name, String description, String type, String defaultValue, boolean required) {
    if (inputs.putIfAbsent(name, Trees.map("description", description, "type", type, "default", defaultValue,
        "required", required)) != null) {
      throw new IllegalStateException("input " + name + " twice");
    }
  }

  /** The declared inputs' names. */
  public List<String> inputNames() {
    return List.copyOf(inputs.keySet());
  }

  /** The Template document. */
  public Map<String, Object> build(TemplateOptions options) {
    Map<String, Object> spec = Trees.map(
        "title", options.title(),
        "url", options.url().toString(),
        "gitRepo", options.gitRepo().toString(),
        "author", options.author(),
        "description", options.description(),
        "readme", options.readme().toString(),
        "icon", options.icon().toString(),
        "templateType", "inline",
        "locale", "en",
        "categories", List.copyOf(options.categories()),
        "defaults", defaults,
        "inputs", inputs.isEmpty() ? null : inputs);
    return Trees.map("apiVersion", Declarations.API_VERSION, "kind", "Template",
        "metadata", Trees.map("name", options.name()), "spec", spec);
  }
}
