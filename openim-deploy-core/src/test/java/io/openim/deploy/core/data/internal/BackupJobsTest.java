/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.data.internal;

import io.openim.deploy.core.render.internal.RenderContext;
import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Images;
import io.openim.deploy.Manifest;
import io.openim.deploy.Secret;
import io.openim.deploy.BackupTarget;
import io.openim.deploy.core.render.PlanYaml;
import io.openim.deploy.core.render.VersionCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Backup and restore Jobs, rendered")
class BackupJobsTest {
  private static final BackupTarget BUCKET = BackupTarget.bucket("https://s3.example.com", "im-backups", "prod",
      Secret.of("AKIA-access-1"), Secret.of("very-secret-2"));

  private static BackupJobs jobs(DeploymentSpec spec) {
    return new BackupJobs(new RenderContext(spec, VersionCatalog.builtIn().find(spec.version()).orElseThrow()),
        java.time.Duration.ofMinutes(30));
  }

  @Test
  @DisplayName("to a bucket: staged in the pod, uploaded manifest last, downloaded again and verified; keys only in a Secret")
  void bucket() {
    BackupJobs jobs = jobs(DeploymentSpec.builder("im").namespace("chat").build());
    Manifest job = jobs.backup("b1", BUCKET, jobs.release());

    assertThat(names(job, "initContainers"))
        .containsExactly("dump-mongodb", "mirror-minio", "write-manifest", "verify-staged", "upload");
    assertThat(names(job, "containers")).containsExactly("verify");
    assertThat(images(job)).containsOnly("docker.io/library/mongo:7.0.28", BackupJobs.MC_IMAGE);
    String yaml = PlanYaml.export(job);
    assertThat(yaml).doesNotContain("AKIA-access-1").doesNotContain("very-secret-2")
        .contains("name: im-backup-b1-target").contains("value: prod/").contains("emptyDir: {}")
        .contains("--exclude MANIFEST").contains("mc cp --quiet \"$DIR/MANIFEST\"")
        .containsPattern("- verify\\n +- /scratch/check/b1\\n");
    assertThat(PlanYaml.export(jobs.targetSecret("im-backup-b1", BUCKET).orElseThrow())).contains("access-key: AKIA-access-1");
    assertThat(containers(job)).as("only the steps that talk to the bucket see its keys")
        .filteredOn(c -> String.valueOf(c.get("env")).contains("TARGET_SECRET_KEY"))
        .extracting(c -> c.get("name")).containsExactly("upload");
    assertThat(jobs.targetClaim(BUCKET)).isEmpty();
  }

  @Test
  @DisplayName("to a volume: the staged folder is renamed only after it verified; never retried")
  void volume() {
    BackupJobs jobs = jobs(DeploymentSpec.builder("im").namespace("chat").storageClass("fast").build());
    Manifest job = jobs.backup("b2", BackupTarget.volume("keep", "5Gi"), jobs.release());
    assertThat(names(job, "initContainers")).containsExactly("dump-mongodb", "mirror-minio", "write-manifest");
    assertThat(PlanYaml.export(job)).contains("claimName: keep").contains("backoffLimit: 0")
        .as("the cluster stops a Job the deployer stopped waiting for").contains("activeDeadlineSeconds: 1800")
        .contains("restartPolicy: Never").containsPattern("- verify\\n +- /backup/b2.partial\\n +- /backup/b2\\n")
        .contains("automountServiceAccountToken: false")
        .containsPattern("secretKeyRef:\\n +name: im-credentials\\n +key: mongodb-password");
    assertThat(PlanYaml.export(job)).as("tools the images lack, passwords on command lines")
        .doesNotContain("grep").doesNotContain("--password")
        .contains("mongodump --config \"$SCRATCH/mongo.yaml\"").contains("copied=$(find \"$2/minio/openim\" -type f | wc -l)")
        .contains("mc ls --recursive src/openim > \"$SCRATCH/minio-objects\"");
    assertThat(PlanYaml.export(jobs.targetClaim(BackupTarget.volume("keep", "5Gi")).orElseThrow()))
        .contains("storage: 5Gi").contains("storageClassName: fast");
    assertThat(jobs.targetClaim(BackupTarget.volume("keep"))).isEmpty();
  }

  @Test
  @DisplayName("restore: verify, objects, Redis emptied only when it is the release's own, then the database")
  void restore() {
    BackupJobs inCluster = jobs(DeploymentSpec.builder("im").namespace("chat").build());
    Manifest job = inCluster.restore("b1", "b1-120000", BUCKET);
    assertThat(names(job, "initContainers")).containsExactly("fetch", "verify", "restore-minio", "empty-redis");
    assertThat(names(job, "containers")).containsExactly("restore-mongodb");
    assertThat(PlanYaml.export(job)).contains("--drop").contains("--nsInclude 'openim_v3.*'")
        .contains("name: REDISCLI_AUTH").contains("redis-cli -e -h").contains("name: im-restore-b1-120000")
        .contains("openim-deploy.io/backup-id: b1").contains("name: im-restore-b1-120000-target");
    Manifest check = inCluster.check("b1", "r2", BUCKET);
    assertThat(names(check, "initContainers")).containsExactly("fetch");
    assertThat(names(check, "containers")).containsExactly("verify");
    assertThat(check.name()).isEqualTo("im-check-r2");

    DeploymentSpec external = DeploymentSpec.builder("im").namespace("chat")
        .dependency(DependencyKind.REDIS, Dependency.external(List.of("redis.corp:6379"), null, Secret.of("r")))
        .dependency(DependencyKind.MINIO, Dependency.external(List.of("s3.corp:9000"), "ak", Secret.of("sk")))
        .minioExternalAddress("https://files.corp")
        .images(new Images("mirror.corp", List.of("pull"))).build();
    BackupJobs outside = jobs(external);
    Manifest restore = outside.restore("b1", "b1-1", BackupTarget.volume("keep"));
    assertThat(names(restore, "initContainers")).containsExactly("verify", "restore-minio");
    String yaml = PlanYaml.export(restore);
    assertThat(yaml).contains("image: mirror.corp/minio/mc:RELEASE.2024-01-31T08-59-40Z")
        .contains("value: http://s3.corp:9000").containsPattern("name: MINIO_ACCESS_KEY\\n +value: ak")
        .contains("key: minio-external-password").contains("- name: pull");
  }

  @Test
  @DisplayName("an external MongoDB's authSource and an https:// MinIO reach mongodump, mongorestore and mc")
  void externalAuthSourceAndTls() {
    DeploymentSpec spec = DeploymentSpec.builder("im")
        .dependency(DependencyKind.MONGODB, new Dependency.External(List.of("mongo.corp:27017"), "im",
            Secret.of("mongo-pw-xyz"), null, "admin"))
        .dependency(DependencyKind.MINIO, Dependency.external(List.of("https://s3.corp"), "ak", Secret.of("sk-xyz")))
        .minioExternalAddress("https://s3.corp").build();
    BackupJobs jobs = jobs(spec);
    for (Manifest job : List.of(jobs.backup("b1", BackupTarget.volume("keep"), jobs.release()),
        jobs.restore("b1", "b1-1", BackupTarget.volume("keep")))) {
      String yaml = PlanYaml.export(job);
      assertThat(yaml).containsPattern("name: MONGO_AUTH_SOURCE\\n +value: admin")
          .containsPattern("name: MINIO_URL\\n +value: https://s3.corp\\n")
          .contains("--authenticationDatabase \"$MONGO_AUTH_SOURCE\"")
          .doesNotContain("--authenticationDatabase openim_v3");
    }
    String inCluster = PlanYaml.export(jobs(DeploymentSpec.builder("im").build())
        .backup("b1", BackupTarget.volume("keep"), jobs(DeploymentSpec.builder("im").build()).release()));
    assertThat(inCluster).containsPattern("name: MONGO_AUTH_SOURCE\\n +value: openim_v3")
        .containsPattern("name: MINIO_URL\\n +value: http://im-minio:9000\\n");
  }

  @Test
  @DisplayName("from a compose host: its own credentials, by reference")
  void external() {
    BackupJobs jobs = jobs(DeploymentSpec.builder("im").namespace("chat").build());
    BackupJobs.Endpoints from = jobs.external("m1", "old", "10.0.0.5:37017", "openIM", "http://10.0.0.5:10005");
    String yaml = PlanYaml.export(jobs.backup("m1", BackupTarget.volume("keep"), from));
    assertThat(yaml).contains("value: 10.0.0.5:37017").contains("value: http://10.0.0.5:10005")
        .contains("name: im-backup-m1-source");
    assertThat(PlanYaml.export(jobs.sourceSecret("m1", Secret.of("old-pw"), Secret.of("ak"), Secret.of("sk"))))
        .contains("mongodb-password: old-pw");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> pod(Manifest job) {
    Map<String, Object> spec = (Map<String, Object>) job.body().get("spec");
    Map<String, Object> template = (Map<String, Object>) spec.get("template");
    return (Map<String, Object>) template.get("spec");
  }

  @SuppressWarnings("unchecked")
  private static List<String> names(Manifest job, String field) {
    return ((List<Map<String, Object>>) pod(job).get(field)).stream().map(c -> (String) c.get("name")).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> containers(Manifest job) {
    List<Map<String, Object>> all = new java.util.ArrayList<>((List<Map<String, Object>>) pod(job).get("initContainers"));
    all.addAll((List<Map<String, Object>>) pod(job).get("containers"));
    return all;
  }

  @SuppressWarnings("unchecked")
  private static List<String> images(Manifest job) {
    List<Map<String, Object>> all = new java.util.ArrayList<>((List<Map<String, Object>>) pod(job).get("initContainers"));
    all.addAll((List<Map<String, Object>>) pod(job).get("containers"));
    return all.stream().map(c -> (String) c.get("image")).toList();
  }
}
