/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.images.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import io.openim.deploy.core.engine.KubeObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SchedulableNodes: the platforms of the nodes a pod can be scheduled on")
class SchedulableNodesTest {
  @SuppressWarnings("unchecked")
  private static KubeObject node(String name, String arch, String ready, String spec, String labels) {
    return KubeObject.of(new Gson().fromJson("{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{" + labels + "}},"
        + "\"spec\":{" + spec + "},\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"" + ready + "\"}],"
        + "\"nodeInfo\":{\"operatingSystem\":\"linux\",\"architecture\":\"" + arch + "\"}}}", Map.class));
  }

  private static final String CONTROL_PLANE =
      "\"taints\":[{\"key\":\"node-role.kubernetes.io/control-plane\",\"effect\":\"NoSchedule\"}]";

  private final SchedulableNodes nodes = SchedulableNodes.of(List.of(
      node("worker", "amd64", "True", "", "\"pool\":\"a\""),
      node("control-plane", "arm64", "True", CONTROL_PLANE, ""),
      node("cordoned", "s390x", "True", "\"unschedulable\":true", "\"pool\":\"a\""),
      node("preferred", "ppc64le", "True",
          "\"taints\":[{\"key\":\"soft\",\"effect\":\"PreferNoSchedule\"}]", "\"pool\":\"b\""),
      node("down", "riscv64", "False", "", "")));

  @Test
  @DisplayName("a pod without tolerations: untainted Ready nodes only; PreferNoSchedule keeps no one out")
  void plainPod() {
    assertThat(nodes.nodes()).extracting(SchedulableNodes.Node::name).doesNotContain("down");
    assertThat(nodes.platforms(Map.of())).containsExactly("linux/amd64", "linux/ppc64le");
    assertThat(nodes.allPlatforms()).containsExactly("linux/amd64", "linux/arm64", "linux/s390x", "linux/ppc64le");
  }

  @Test
  @DisplayName("tolerations match as the scheduler does: key and effect, Exists or Equal with the value")
  void tolerations() {
    Map<String, Object> exists = Map.of("tolerations", List.of(
        Map.of("key", "node-role.kubernetes.io/control-plane", "operator", "Exists", "effect", "NoSchedule")));
    assertThat(nodes.platforms(exists)).contains("linux/arm64");
    Map<String, Object> wrongValue = Map.of("tolerations", List.of(
        Map.of("key", "node-role.kubernetes.io/control-plane", "operator", "Equal", "value", "x")));
    assertThat(nodes.platforms(wrongValue)).doesNotContain("linux/arm64");
    Map<String, Object> wrongEffect = Map.of("tolerations", List.of(
        Map.of("key", "node-role.kubernetes.io/control-plane", "operator", "Exists", "effect", "NoExecute")));
    assertThat(nodes.platforms(wrongEffect)).doesNotContain("linux/arm64");
    Map<String, Object> everything = Map.of("tolerations", List.of(Map.of("operator", "Exists")));
    assertThat(nodes.platforms(everything)).as("an empty key with Exists tolerates every taint, the cordon too")
        .containsExactly("linux/amd64", "linux/arm64", "linux/s390x", "linux/ppc64le");
  }

  @Test
  @DisplayName("a nodeSelector keeps out the nodes whose labels do not match")
  void nodeSelector() {
    assertThat(nodes.platforms(Map.of("nodeSelector", Map.of("pool", "a")))).containsExactly("linux/amd64");
    assertThat(nodes.platforms(Map.of("nodeSelector", Map.of("pool", "c")))).isEmpty();
  }
}
