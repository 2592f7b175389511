/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.images.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.core.render.Topology;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferencesTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @DisplayName("references are qualified as a container runtime reads them")
  @CsvSource({
    "mongo:7.0.28, docker.io/library/mongo:7.0.28",
    "mongo, docker.io/library/mongo:latest",
    "openim/openim-server:v1, docker.io/openim/openim-server:v1",
    "docker.io/redis:7.0.0, docker.io/library/redis:7.0.0",
    "index.docker.io/minio/minio:x, docker.io/minio/minio:x",
    "docker.io/library/mongo:7, docker.io/library/mongo:7",
    "127.0.0.1:5000/openim/openim-chat:v1, 127.0.0.1:5000/openim/openim-chat:v1",
    "localhost/app, localhost/app:latest",
    "registry.example.com/hub/openim/openim-server:v1, registry.example.com/hub/openim/openim-server:v1",
    "quay.io/x/y@sha256:abc, quay.io/x/y@sha256:abc",
    "registry.example.com:5000/x, registry.example.com:5000/x:latest",
    "MyRegistry/x:1, MyRegistry/x:1"
  })
  void normalize(String reference, String expected) {
    assertThat(ImageReferences.normalize(reference)).isEqualTo(expected);
  }

  @Test
  @DisplayName("every container and init container image of the plan, Jobs included, each once")
  void imagesOfAPlan() {
    DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("openim").build());
    assertThat(ImageReferences.of(plan)).doesNotHaveDuplicates()
        .contains("docker.io/openim/openim-server:" + plan.spec().version(), "docker.io/library/mongo:7.0.28")
        .allMatch(ref -> ref.startsWith("docker.io/"));
    long jobs = plan.manifests().stream().filter(m -> m.kind().equals("Job")).count();
    assertThat(jobs).as("the plan has init Jobs whose images count too").isPositive();
  }

  @Test
  @DisplayName("replacing rewrites images of containers and init containers only, leaving other strings alone")
  void replace() {
    Manifest job = new Manifest(io.openim.deploy.Phase.INITIALIZATION, "batch/v1", "Job", "ns", "j", Map.of(
        "metadata", Map.of("annotations", Map.of("image", "a:1")),
        "spec", Map.of("template", Map.of("spec", Map.of(
            "initContainers", java.util.List.of(Map.of("name", "i", "image", "a:1")),
            "containers", java.util.List.of(Map.of("name", "c", "image", "b:2"), Map.of("name", "d", "image", "a:1")))))));
    DeploymentPlan plan = new DeploymentPlan(DeploymentSpec.builder("openim").build(), java.util.List.of(job), java.util.List.of());
    DeploymentPlan replaced = ImageReferences.replace(plan, Map.of("a:1", "a:1@sha256:00"));
    assertThat(ImageReferences.of(replaced)).containsExactlyInAnyOrder("a:1@sha256:00", "b:2");
    assertThat(replaced.manifests().get(0).body()).extractingByKey("metadata")
        .isEqualTo(Map.of("annotations", Map.of("image", "a:1")));
  }
}
