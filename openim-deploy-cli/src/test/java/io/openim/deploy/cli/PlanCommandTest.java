/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("openim-deploy plan")
class PlanCommandTest {
  @TempDir Path temp;
  private final Console console = new Console();

  private int run(String... args) {
    return console.run(args);
  }

  @Test
  @DisplayName("without a file prints the default plan, secrets redacted, warnings on stderr")
  void defaultPlan() {
    assertThat(run("plan")).isZero();
    assertThat(console.out()).startsWith("---\n# FOUNDATION: Namespace/openim\n")
        .contains("kind: Deployment").contains("openim-secret: <redacted>");
    assertThat(console.err()).startsWith("warning: no ingress and no minioExternalAddress");
  }

  @Test
  @DisplayName("reads a spec file; credentials come from the environment or files, never the spec")
  void specFile() throws Exception {
    Files.writeString(temp.resolve("redis.pass"), "from-a-file-0123456789\n");
    Path spec = temp.resolve("spec.yaml");
    Files.writeString(spec, String.join("\n",
        "release: chat1",
        "namespace: im",
        "profile: production",
        "ingress: {host: im.example.com, className: nginx, tlsSecret: im-tls}",
        "components:",
        "  api: {replicas: 3}",
        "  msgtransfer:",
        "    autoscaling: {minReplicas: 2, maxReplicas: 4, cpuUtilization: 70}",
        "secrets:",
        "  redis-password: {file: redis.pass}",
        "dependencies:",
        "  mongodb: {storageSize: 50Gi}",
        ""));
    assertThat(run("plan", "-f", spec.toString(), "--show-secrets")).isZero();
    assertThat(console.out()).contains("name: chat1-api").contains("namespace: im\n")
        .contains("redis-password: from-a-file-0123456789").contains("storage: 50Gi")
        .contains("kind: HorizontalPodAutoscaler").contains("host: im.example.com");
  }

  @Test
  @DisplayName("an invalid spec exits 2 and lists every problem with its path")
  void invalidSpec() throws Exception {
    Path spec = temp.resolve("bad.yaml");
    Files.writeString(spec, String.join("\n",
        "release: Bad_Name",
        "profile: huge",
        "colour: blue",
        "components:",
        "  crontask: {replicas: 2}",
        "  websocket: {replicas: 2}",
        "secrets:",
        "  openim-secret: openIM123",
        "  redis-password: {env: SURELY_NOT_SET_ANYWHERE_42}",
        ""));
    assertThat(run("plan", "-f", spec.toString())).isEqualTo(PlanCommand.INVALID_SPEC);
    assertThat(console.out()).isEmpty();
    assertThat(console.err()).startsWith("error: " + spec + ": The deployment spec has 7 problems")
        .contains("  - colour: is not a known key here")
        .contains("  - profile: must be one of [minimal, production], but was 'huge'")
        .contains("  - components.websocket: is not a component")
        .contains("  - secrets.openim-secret: must be {env: VARIABLE} or {file: path}")
        .contains("  - secrets.redis-password: names environment variable SURELY_NOT_SET_ANYWHERE_42")
        .contains("  - release: must be a lower-case DNS label")
        .contains("  - components.crontask.replicas: must be 1");
  }

  @Test
  @DisplayName("discovery: kubernetes exits 2 with the version line's reasons, printing no plan")
  void kubernetesDiscovery() throws Exception {
    Path spec = temp.resolve("k8s.yaml");
    Files.writeString(spec, "namespace: default\ndiscovery: kubernetes\n");
    assertThat(run("plan", "-f", spec.toString())).isEqualTo(PlanCommand.INVALID_SPEC);
    assertThat(console.out()).isEmpty();
    assertThat(console.err()).contains("  - discovery: KUBERNETES discovery does not work with OpenIM Server")
        .contains("EndpointSlice").contains("crashes on the first online push").contains("use ETCD discovery");
  }

  @Test
  @DisplayName("--show-secrets with --output writes a file only its owner can read")
  void exportToFile() throws Exception {
    Path target = temp.resolve("plan.yaml");
    assertThat(run("plan", "--show-secrets", "-o", target.toString())).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    assertThat(Files.readString(target)).doesNotContain("<redacted>").contains("kind: Secret");
    assertThat(console.out()).isEmpty();
    assertThat(console.err()).contains("wrote ").contains("readable by its owner only");
  }

  @Test
  @DisplayName("--version names the OpenIM version lines it can deploy")
  void version() {
    assertThat(run("--version")).isZero();
    assertThat(console.out()).contains("v3.8.3-patch.15 (server v3.8.3-patch.15, chat v1.8.4-patch.5) default")
        .contains("Not deployable: v3.8.3-patch.16: its server image openim/openim-server:v3.8.3-patch.16 was never"
            + " published");
  }
}
