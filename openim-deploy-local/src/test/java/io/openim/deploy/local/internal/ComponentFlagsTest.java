/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

@DisplayName("The command lines of the controller-manager, the scheduler and the audit log")
class ComponentFlagsTest {
  private static final Path KUBECONFIG = Path.of("/work/admin.kubeconfig");
  private static final Path PKI = Path.of("/work/pki");

  @Test
  @DisplayName("the controller-manager's client may send more than its defaults of 20 requests/s, burst 30")
  void controllerManagerLimits() {
    List<String> args = ComponentFlags.controllerManager(Path.of("/bin/kcm"), KUBECONFIG, PKI, 10257);

    assertThat(args).first().isEqualTo("/bin/kcm");
    assertThat(args).contains("--kube-api-qps=200", "--kube-api-burst=300", "--secure-port=10257",
        "--kubeconfig=" + KUBECONFIG, "--leader-elect=false");
    assertThat(ComponentFlags.CLIENT_QPS).isGreaterThan(20);
    assertThat(ComponentFlags.CLIENT_BURST).isGreaterThan(30);
  }

  @Test
  @DisplayName("the scheduler's limits are in its configuration file, since --config makes the flags ignored")
  void schedulerLimits() {
    Map<String, Object> config = new Yaml().load(ComponentFlags.schedulerConfig(KUBECONFIG));

    assertThat(config).containsEntry("kind", "KubeSchedulerConfiguration");
    assertThat(config.get("clientConnection"))
        .isEqualTo(Map.of("kubeconfig", KUBECONFIG.toString(), "qps", 200, "burst", 300));
    List<String> args =
        ComponentFlags.scheduler(Path.of("/bin/sched"), Path.of("/work/s.yaml"), KUBECONFIG, PKI, 10259);
    assertThat(args).contains("--config=/work/s.yaml").noneMatch(a -> a.startsWith("--kube-api-"));
  }

  @Test
  @DisplayName("the audit log: a Metadata policy for every request, a path, and no rotation")
  void audit() {
    Map<String, Object> policy = new Yaml().load(ComponentFlags.auditPolicy());

    assertThat(policy).containsEntry("apiVersion", "audit.k8s.io/v1").containsEntry("kind", "Policy");
    assertThat(policy.get("rules")).isEqualTo(List.of(Map.of("level", "Metadata")));
    assertThat(ComponentFlags.audit(Path.of("/p.yaml"), Path.of("/a.log")))
        .containsExactly("--audit-policy-file=/p.yaml", "--audit-log-path=/a.log", "--audit-log-maxsize=0");
  }
}
