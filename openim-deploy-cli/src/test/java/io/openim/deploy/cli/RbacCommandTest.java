/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

@DisplayName("openim-deploy rbac")
class RbacCommandTest {
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> documents(String yaml) {
    List<Map<String, Object>> out = new ArrayList<>();
    new Yaml().loadAll(yaml).forEach(d -> out.add((Map<String, Object>) d));
    return out;
  }

  @Test
  @DisplayName("prints the Namespace, Role, ClusterRole and their bindings for a user, a group or a ServiceAccount")
  void prints() {
    Console.Run user = Console.once("rbac", "--namespace", "im", "--user", "ci-bot");
    assertThat(user.code()).as(user.err()).isZero();
    assertThat(user.out()).startsWith("# The deployer's role for namespace im, bound to user:ci-bot.\n");
    List<Map<String, Object>> objects = documents(user.out());
    assertThat(objects).extracting(o -> o.get("kind"))
        .containsExactly("Namespace", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding");
    assertThat(objects.get(0).get("metadata").toString())
        .contains("pod-security.kubernetes.io/enforce=restricted").contains("pod-security.kubernetes.io/warn=restricted");
    assertThat(objects.get(1).toString()).contains("resources=[statefulsets]")
        .contains("verbs=[get, list, watch, create, patch, delete]");
    assertThat(objects.get(2).get("subjects").toString()).contains("kind=User, name=ci-bot");

    Console.Run group = Console.once("rbac", "-n", "im", "--group", "deployers");
    assertThat(documents(group.out()).get(4).get("subjects").toString()).contains("kind=Group, name=deployers");
    Console.Run account = Console.once("rbac", "-n", "im", "--service-account", "ci/runner");
    assertThat(documents(account.out()).get(2).get("subjects").toString())
        .contains("kind=ServiceAccount, namespace=ci, name=runner");
  }

  @Test
  @DisplayName("exactly one subject; a bad namespace or ServiceAccount is refused with exit 2 and the reason")
  void refuses() {
    assertThat(Console.once("rbac", "-n", "im").code()).isEqualTo(2);
    assertThat(Console.once("rbac", "-n", "im", "--user", "a", "--group", "b").code()).isEqualTo(2);
    Console.Run account = Console.once("rbac", "-n", "im", "--service-account", "runner");
    assertThat(account.code()).isEqualTo(2);
    assertThat(account.err()).contains("--service-account must be NAMESPACE/NAME, but was 'runner'");
    Console.Run namespace = Console.once("rbac", "-n", "Not_A_Namespace", "--user", "ci-bot");
    assertThat(namespace.code()).isEqualTo(2);
    assertThat(namespace.err()).contains("namespace must be a DNS label");
  }
}
