/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.internal;

import io.openim.deploy.core.data.internal.BackupJobs;
import io.openim.deploy.core.render.internal.RenderContext;
import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.Monitoring;
import io.openim.deploy.Profile;
import io.openim.deploy.BackupTarget;
import io.openim.deploy.core.render.ImageFacts;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.core.render.VersionCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every container of every plan starts the way its image expects: a program the image's entrypoint
 * prepares (MongoDB's root user, Redis and MongoDB dropping root) is reached through that entrypoint.
 * The facts come from the Dockerfiles cited in versions.yaml.
 */
@DisplayName("Containers keep the entrypoints that set their programs up")
class ImageEntrypointsTest {
  private static final VersionCatalog CATALOG = VersionCatalog.builtIn();

  static Stream<DeploymentSpec> specs() {
    return Stream.of(
        DeploymentSpec.builder("openim").build(),
        DeploymentSpec.builder("openim").profile(Profile.PRODUCTION).monitoring(Monitoring.auto()).build(),
        DeploymentSpec.builder("im").namespace("chat").profile(Profile.PRODUCTION).chat(false).build());
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("specs")
  @DisplayName("plans: no command replaces an entrypoint that prepares the program, args name that program")
  void plans(DeploymentSpec spec) {
    List<String> problems = new ArrayList<>();
    for (Manifest m : Topology.plan(spec).manifests()) {
      check(m, problems);
    }
    assertThat(problems).isEmpty();
  }

  @Test
  @DisplayName("backup and restore Jobs: the same rule for the MongoDB tools and the MinIO client")
  void backupJobs() {
    DeploymentSpec spec = DeploymentSpec.builder("im").namespace("chat").build();
    BackupJobs jobs = new BackupJobs(new RenderContext(spec, CATALOG.require(spec.version())));
    BackupTarget target = BackupTarget.volume("keep", "5Gi");
    List<String> problems = new ArrayList<>();
    check(jobs.backup("b1", target, jobs.release()), problems);
    check(jobs.check("b1", "r1", target), problems);
    check(jobs.restore("b1", "r1", target), problems);
    assertThat(problems).isEmpty();
  }

  @Test
  @DisplayName("the rule catches what broke MongoDB: command [mongod] skips the root user")
  void catchesCommandOverride() {
    ImageFacts mongo = CATALOG.imageFacts("docker.io/library/mongo:7.0.28").orElseThrow();
    assertThat(mongo.bypassedSetup(List.of("mongod"), List.of("--auth")))
        .contains("replaces docker.io/library/mongo:7.0.28's entrypoint");
    assertThat(mongo.bypassedSetup(List.of(), List.of("--auth"))).contains("name one of them first");
    assertThat(mongo.bypassedSetup(List.of(), List.of("mongod", "--auth"))).isEmpty();
    assertThat(mongo.bypassedSetup(List.of("sh", "-c", "mongodump"), List.of())).isEmpty();
  }

  @Test
  @DisplayName("every image of the default line has its facts recorded")
  void everyImageRecorded() {
    var line = CATALOG.defaultLine();
    List<String> images = new ArrayList<>(line.images().values());
    images.add(line.server().image());
    images.add(line.chat().image());
    images.add(BackupJobs.MC_IMAGE);
    assertThat(images).allSatisfy(image -> assertThat(CATALOG.imageFacts(image)).as(image).isPresent());
  }

  @SuppressWarnings("unchecked")
  private static void check(Manifest manifest, List<String> problems) {
    Map<String, Object> body = manifest.body();
    Optional<Map<String, Object>> pod = podSpec(body);
    if (pod.isEmpty()) {
      return;
    }
    for (String list : List.of("initContainers", "containers")) {
      for (Object o : (List<Object>) pod.get().getOrDefault(list, List.of())) {
        Map<String, Object> c = (Map<String, Object>) o;
        String where = manifest.kind() + "/" + manifest.name() + " " + c.get("name");
        String image = (String) c.get("image");
        Optional<ImageFacts> facts = CATALOG.imageFacts(image);
        if (facts.isEmpty()) {
          problems.add(where + ": no facts recorded for " + image + " in versions.yaml imageFacts");
          continue;
        }
        String bypass = facts.get().bypassedSetup(strings(c.get("command")), strings(c.get("args")));
        if (!bypass.isEmpty()) {
          problems.add(where + ": " + bypass);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> podSpec(Map<String, Object> body) {
    Object spec = body.get("spec");
    if (!(spec instanceof Map<?, ?>)) {
      return Optional.empty();
    }
    Map<String, Object> s = (Map<String, Object>) spec;
    if (s.get("jobTemplate") instanceof Map<?, ?> job) {
      return podSpec((Map<String, Object>) job);
    }
    if (s.get("template") instanceof Map<?, ?> template && template.get("spec") instanceof Map<?, ?> pod) {
      return Optional.of((Map<String, Object>) pod);
    }
    return Optional.empty();
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }
}
