/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.BackupTarget;
import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.Monitoring;
import io.openim.deploy.Profile;
import io.openim.deploy.core.data.internal.BackupJobs;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.core.render.VersionCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pod template openim-deploy renders passes Pod Security "restricted" ({@link RestrictedLevel}),
 * without a cluster: each profile, with and without chat, with external dependencies, with a log.yml
 * of the spec's own that writes files, and the backup, check and restore Jobs. The API server's own
 * verdict is in openim-deploy-core-it's PodSecurityIT.
 */
@DisplayName("Pod Security restricted, over the rendered plans")
class PodSecurityTest {
  static Stream<DeploymentSpec> specs() {
    return Stream.of(
        DeploymentSpec.builder("openim").build(),
        DeploymentSpec.builder("openim").profile(Profile.PRODUCTION).monitoring(Monitoring.auto()).build(),
        DeploymentSpec.builder("im").namespace("chat").profile(Profile.PRODUCTION).chat(false).build(),
        DeploymentSpec.builder("im").namespace("ext")
            .dependency(DependencyKind.KAFKA, new Dependency.External(List.of("kafka.example.com:9093"), null, null, "kafka-tls"))
            .dependency(DependencyKind.MONGODB, Dependency.external(List.of("mongo.example.com:27017"), "openIM", null))
            .build(),
        DeploymentSpec.builder("im").configFile("server/log.yml", "storageLocation: ../../../../logs/\nisStdout: true\n")
            .configFile("chat/log.yml", "storageLocation: /var/log/chat\n").build());
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("specs")
  @DisplayName("plans: every pod template passes restricted, read-only root, the catalog's user")
  void plans(DeploymentSpec spec) {
    List<Manifest> withPods = Topology.plan(spec).manifests().stream()
        .filter(m -> RestrictedLevel.podSpec(m.body()).isPresent()).toList();
    assertThat(withPods).extracting(Manifest::kind).contains("Deployment", "Job");
    List<String> problems = new ArrayList<>();
    withPods.forEach(m -> problems.addAll(RestrictedLevel.problems(m)));
    assertThat(problems).isEmpty();
  }

  @Test
  @DisplayName("emptyDirs where OpenIM writes: a log.yml's own storageLocation (resolved as OpenIM does), admin-api's /tmp")
  @SuppressWarnings("unchecked")
  void writableFolders() {
    DeploymentSpec spec = DeploymentSpec.builder("im").configFile("server/log.yml", "storageLocation: ../../../../logs/\n")
        .configFile("chat/log.yml", "storageLocation: /var/log/chat\n").build();
    DeploymentPlan plan = Topology.plan(spec);
    assertThat(mountPaths(plan, "im-api")).contains("/logs").doesNotContain("/tmp");
    assertThat(mountPaths(plan, "im-chat-rpc")).contains("/var/log/chat").doesNotContain("/tmp");
    assertThat(mountPaths(plan, "im-admin-api")).contains("/var/log/chat", "/tmp");
    assertThat(mountPaths(Topology.plan(DeploymentSpec.builder("im").build()), "im-api"))
        .as("no log files, no log folder").noneMatch(p -> p.contains("log") && !p.endsWith(".yml"));
  }

  @Test
  @DisplayName("the check finds what an unhardened pod lacks, and a user other than the catalog's")
  void checkCanFail() {
    Map<String, Object> container = Tree.map("name", "c", "image", "docker.io/library/redis:7.0.0");
    Manifest bare = new Manifest(Phase.DEPENDENCIES, "apps/v1", "Deployment", "ns", "bare", Tree.object("apps/v1",
        "Deployment", Tree.map("name", "bare"), "spec", Tree.map("template", Tree.map("spec",
            Tree.map("containers", Tree.list(container), "volumes", Tree.list(Tree.map("name", "h", "hostPath",
                Tree.map("path", "/"))))))));
    assertThat(String.join("\n", RestrictedLevel.problems(bare))).contains("allowPrivilegeEscalation",
        "capabilities.drop", "runAsNonRoot", "seccompProfile", "readOnlyRootFilesystem", "volume h",
        "runs as null, not as 999");
    container.put("securityContext", PodParts.containerSecurity());
    Map<String, Object> pod = Tree.map("containers", Tree.list(container),
        "securityContext", PodParts.podSecurity(PodParts.facts("docker.io/minio/minio:RELEASE.2024-01-11T07-46-16Z"), true));
    Manifest wrongUser = new Manifest(Phase.DEPENDENCIES, "apps/v1", "Deployment", "ns", "u", Tree.object("apps/v1",
        "Deployment", Tree.map("name", "u"), "spec", Tree.map("template", Tree.map("spec", pod))));
    assertThat(RestrictedLevel.problems(wrongUser)).containsExactly("Deployment/u containers/c: runs as 1000, not as 999,"
        + " the user versions.yaml records for docker.io/library/redis:7.0.0");
  }

  @SuppressWarnings("unchecked")
  private static List<String> mountPaths(DeploymentPlan plan, String deployment) {
    Map<String, Object> pod = RestrictedLevel.podSpec(plan.find("Deployment", deployment).orElseThrow().body()).orElseThrow();
    Map<String, Object> c = ((List<Map<String, Object>>) pod.get("containers")).get(0);
    return ((List<Map<String, Object>>) c.getOrDefault("volumeMounts", List.of())).stream()
        .map(m -> String.valueOf(m.get("mountPath"))).toList();
  }

  @Test
  @DisplayName("backup, check and restore Jobs, to a volume and to a bucket, pass restricted")
  void backupJobs() {
    DeploymentSpec spec = DeploymentSpec.builder("im").namespace("chat").build();
    BackupJobs jobs = new BackupJobs(new RenderContext(spec, VersionCatalog.builtIn().require(spec.version())));
    List<String> problems = new ArrayList<>();
    for (BackupTarget target : List.of(BackupTarget.volume("keep", "5Gi"), BackupTarget.bucket("https://s3.example.com",
        "im-backups", "prod/", io.openim.deploy.Secret.of("a"), io.openim.deploy.Secret.of("s")))) {
      problems.addAll(RestrictedLevel.problems(jobs.backup("b1", target, jobs.release())));
      problems.addAll(RestrictedLevel.problems(jobs.check("b1", "r1", target)));
      problems.addAll(RestrictedLevel.problems(jobs.restore("b1", "r1", target)));
      problems.addAll(RestrictedLevel.problems(jobs.backup("b2", target,
          jobs.external("b2", "compose host", "10.0.0.1:37017", "openIM", "http://10.0.0.1:10005"))));
    }
    assertThat(problems).isEmpty();
  }
}
