/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.yaml.snakeyaml.Yaml;

/** A template's documents as tests read them, unrendered: each object and the condition it is kept under. */
record TemplateFile(List<TemplateFile.Document> documents) {
  /** How every object's name starts. */
  static final String APP = "${{ defaults.app_name }}";
  /** The user's namespace. */
  static final String NS = "${{ SEALOS_NAMESPACE }}";
  /** The cloud host. */
  static final String HOST = "${{ defaults.app_host }}.${{ SEALOS_CLOUD_DOMAIN }}";
  /** The in-cluster MongoDB, Redis and MinIO, as the plan has them. */
  static final TemplateOptions IN_CLUSTER = TemplateOptions.builder()
      .managedMongo(false).managedRedis(false).objectStorage(false).build();

  /** One document: its object, and its if line or null. */
  record Document(Map<String, Object> object, String condition) {
    String kind() {
      return String.valueOf(object.get("kind"));
    }

    String name() {
      return String.valueOf(((Map<?, ?>) object.get("metadata")).get("name"));
    }
  }

  @SuppressWarnings("unchecked")
  static TemplateFile read(String template) {
    List<Document> out = new ArrayList<>();
    for (String text : template.split("(?m)^---\n")) {
      String condition = null;
      StringBuilder yaml = new StringBuilder();
      for (String line : text.split("\n")) {
        if (line.startsWith("${{ if(")) {
          condition = line;
        } else if (!line.startsWith("${{ endif()")) {
          yaml.append(line).append('\n');
        }
      }
      out.add(new Document((Map<String, Object>) new Yaml().load(yaml.toString()), condition));
    }
    return new TemplateFile(out);
  }

  List<Document> ofKind(String kind) {
    return documents.stream().filter(d -> d.kind().equals(kind)).toList();
  }

  List<Document> where(Predicate<Document> test) {
    return documents.stream().filter(test).toList();
  }

  Document named(String kind, String name) {
    return documents.stream().filter(d -> d.kind().equals(kind) && d.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the template"));
  }

  /** The value at {@code path} (map keys, or list indexes as numbers) of {@code tree}. */
  @SuppressWarnings("unchecked")
  static <T> T at(Object tree, Object... path) {
    Object current = tree;
    for (Object step : path) {
      current = step instanceof Integer i ? ((List<Object>) current).get(i) : ((Map<String, Object>) current).get(step);
    }
    return (T) current;
  }

  /** The containers of a workload's pod template. */
  static List<Map<String, Object>> containers(Map<String, Object> workload) {
    return at(workload, "spec", "template", "spec", "containers");
  }

  /** The env entry {@code name} of {@code container}, or null. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> env(Map<String, Object> container, String name) {
    List<Map<String, Object>> env = (List<Map<String, Object>>) container.getOrDefault("env", List.of());
    return env.stream().filter(e -> name.equals(e.get("name"))).findFirst().orElse(null);
  }
}
