/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.Secret;
import io.openim.deploy.core.render.PlanYaml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An applier")
class ApplierTest {
  @Test
  @DisplayName("the body of a server-side apply is the manifest's exported YAML, its secrets in clear")
  void applyBody() {
    Manifest secret = new Manifest(Phase.CONFIGURATION, "v1", "Secret", "im", "db", Map.of(
        "apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", "db", "namespace", "im",
            "labels", Map.of("a", "b")),
        "stringData", Map.of("password", Secret.of("s3cret: with colon"), "list", List.of(Secret.of("x"), 1, true)),
        "immutable", false, "count", 2L));
    assertThat(Applier.applyBody(secret)).isEqualTo(PlanYaml.export(secret)).contains("s3cret: with colon")
        .doesNotContain(PlanYaml.REDACTED);
  }

  private static Manifest secret(String password, Map<String, Object> extra) {
    Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "Secret",
        "metadata", Map.of("name", "db", "namespace", "im"), "stringData", Map.of("password", Secret.of(password))));
    body.putAll(extra);
    return new Manifest(Phase.CONFIGURATION, "v1", "Secret", "im", "db", body);
  }

  private static String digest(Manifest manifest) {
    return metadata(Applier.asApplied(manifest, Map.of("part-of", "im")), "annotations").get(Applier.APPLIED_DIGEST);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> metadata(Manifest manifest, String field) {
    return (Map<String, String>) ((Map<String, Object>) manifest.body().get("metadata")).get(field);
  }

  @Test
  @DisplayName("what an apply sends carries the labels and a digest that changes with a field, not with a secret's"
      + " value, and reveals none")
  void appliedDigest() {
    Manifest sent = Applier.asApplied(secret("hunter2", Map.of()), Map.of("part-of", "im"));
    assertThat(metadata(sent, "labels")).containsEntry("part-of", "im");
    assertThat(digest(secret("hunter2", Map.of()))).hasSize(32)
        .isEqualTo(digest(secret("other password", Map.of())))
        .isNotEqualTo(digest(secret("hunter2", Map.of("type", "Opaque"))));
    assertThat(Applier.applyBody(sent)).contains("hunter2");
  }
}
