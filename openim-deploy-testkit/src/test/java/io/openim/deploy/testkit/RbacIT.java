/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.RbacAuthorizationV1Api;
import io.kubernetes.client.openapi.models.RbacV1Subject;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1RoleRef;
import io.openim.deploy.local.LocalCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@WithLocalCluster
@DisplayName("RBAC for a non-admin identity")
class RbacIT {

  @Test
  @DisplayName("a user gets what its Role allows and 403 on everything else")
  void leastPrivilege(LocalCluster cluster, ApiClient admin, TestNamespace namespace)
      throws Exception {
    String ns = namespace.name();
    ApiClient alice = cluster.newClient(cluster.kubeconfigFor("alice", "openim-operators"));
    CoreV1Api asAlice = new CoreV1Api(alice);

    assertForbidden(() -> asAlice.listNamespacedConfigMap(ns).execute());

    RbacAuthorizationV1Api rbac = new RbacAuthorizationV1Api(admin);
    rbac.createNamespacedRole(
            ns,
            new V1Role()
                .metadata(new V1ObjectMeta().name("configmap-reader"))
                .rules(
                    List.of(
                        new V1PolicyRule()
                            .apiGroups(List.of(""))
                            .resources(List.of("configmaps"))
                            .verbs(List.of("get", "list", "watch")))))
        .execute();
    rbac.createNamespacedRoleBinding(
            ns,
            new V1RoleBinding()
                .metadata(new V1ObjectMeta().name("alice-reads-configmaps"))
                .roleRef(
                    new V1RoleRef()
                        .apiGroup("rbac.authorization.k8s.io")
                        .kind("Role")
                        .name("configmap-reader"))
                .subjects(
                    List.of(
                        new RbacV1Subject()
                            .kind("Group")
                            .apiGroup("rbac.authorization.k8s.io")
                            .name("openim-operators"))))
        .execute();

    // the authorizer reads RBAC from a cache, so the binding takes a moment to count
    Eventually.await(
        Duration.ofSeconds(30),
        "alice may list configmaps in " + ns,
        () -> canList(asAlice, ns),
        allowed -> allowed);

    assertForbidden(() -> asAlice.listNamespacedSecret(ns).execute());
    assertForbidden(
        () ->
            asAlice
                .createNamespacedConfigMap(
                    ns, new V1ConfigMap().metadata(new V1ObjectMeta().name("nope")))
                .execute());
    assertForbidden(() -> asAlice.listNamespacedConfigMap("default").execute());
    assertForbidden(() -> asAlice.listNode().execute());
    assertThat(new CoreV1Api(admin).listNamespacedConfigMap(ns).execute().getItems())
        .noneMatch(c -> "nope".equals(c.getMetadata().getName()));
  }

  @Test
  @DisplayName("an admin identity cannot be minted through kubeconfigFor")
  void mastersGroupIsRefused(LocalCluster cluster) {
    assertThatThrownBy(() -> cluster.kubeconfigFor("mallory", "system:masters"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("adminKubeconfig");
  }

  private static boolean canList(CoreV1Api api, String ns) throws ApiException {
    try {
      api.listNamespacedConfigMap(ns).execute();
      return true;
    } catch (ApiException e) {
      if (e.getCode() == 403) {
        return false;
      }
      throw e;
    }
  }

  private static void assertForbidden(ThrowingCall call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.getCode()).as(e.getResponseBody()).isEqualTo(403));
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }
}
