/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static io.openim.deploy.cli.ReleaseCommandsIT.concat;
import static io.openim.deploy.cli.ReleaseCommandsIT.helm;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.RbacAuthorizationV1Api;
import io.kubernetes.client.openapi.models.RbacV1Subject;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1RoleRef;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1VolumeResourceRequirements;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("down never loses what it must keep")
class DownIT {
  @TempDir Path temp;

  @Test
  @DisplayName("down keeps the credentials with the data; up takes them back unchanged, listed once;"
      + " down --delete-data deletes them")
  void credentialsStayWithTheData(LocalCluster cluster, TestNamespace namespace) throws Exception {
    CoreV1Api core = new CoreV1Api(cluster.newAdminClient());
    String[] where = where(cluster, namespace);
    Console.Run up = Console.once(concat(new String[] {"up", "--skip-image-check"}, where));
    assertThat(up.code()).as(up.err()).isZero();
    Map<String, String> before = values(core, namespace.name());
    assertThat(before.keySet()).contains("mongodb-password");

    Console.Run down = Console.once(concat(new String[] {"down"}, where));
    assertThat(down.code()).as(down.err()).isZero();
    assertThat(down.out()).contains("kept Secret " + namespace.name()
        + "/openim-credentials: the passwords of the kept data volumes");
    assertThat(secret(core, namespace.name())).as("the credentials Secret after down").isNotNull();
    assertThat(ReleaseCommandsIT.claims(core, namespace.name())).contains("data-openim-mongodb-0");

    Console.Run again = Console.once(concat(new String[] {"up", "--skip-image-check"}, where));
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(values(core, namespace.name()).equals(before)).as("the same passwords under the same keys").isTrue();
    V1ConfigMap inventory = core.readNamespacedConfigMap("openim-openim-deploy", namespace.name()).execute();
    assertThat(inventory.getData().get("objects").lines().filter(l -> l.contains("openim-credentials"))).hasSize(1);
    assertThat(secret(core, namespace.name()).getMetadata().getLabels())
        .containsEntry("applyset.kubernetes.io/part-of", inventory.getMetadata().getLabels().get("applyset.kubernetes.io/id"));

    Console.Run delete = Console.once(concat(new String[] {"down", "--delete-data"}, where));
    assertThat(delete.code()).as(delete.err()).isZero();
    assertThat(delete.out()).doesNotContain("kept Secret");
    assertThat(secret(core, namespace.name())).as("the credentials Secret after down --delete-data").isNull();
  }

  @Test
  @DisplayName("helm uninstall leaves the credentials Secret, a new up --provider helm adopts it with its values,"
      + " down --delete-data deletes it")
  void helmKeepsTheCredentials(LocalCluster cluster, TestNamespace namespace) throws Exception {
    CoreV1Api core = new CoreV1Api(cluster.newAdminClient());
    String[] where = where(cluster, namespace);
    Console.Run up = Console.once(concat(new String[] {"up", "--skip-image-check", "--provider", "helm"}, where));
    assertThat(up.code()).as(up.err()).isZero();
    Map<String, String> before = values(core, namespace.name());

    Console.Run down = Console.once(concat(new String[] {"down"}, where));
    assertThat(down.code()).as(down.err()).isZero();
    assertThat(down.out()).contains("uninstalled the Helm release")
        .contains("kept Secret " + namespace.name() + "/openim-credentials: the passwords of the kept data volumes");
    assertThat(secret(core, namespace.name())).as("the credentials Secret after helm uninstall").isNotNull();

    Console.Run again = Console.once(concat(new String[] {"up", "--skip-image-check", "--provider", "helm"}, where));
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(values(core, namespace.name()).equals(before)).as("the same passwords under the same keys").isTrue();
    assertThat(secret(core, namespace.name()).getMetadata().getAnnotations())
        .containsEntry("meta.helm.sh/release-name", "openim").containsEntry("helm.sh/resource-policy", "keep");

    Console.Run delete = Console.once(concat(new String[] {"down", "--delete-data"}, where));
    assertThat(delete.code()).as(delete.err()).isZero();
    assertThat(secret(core, namespace.name())).as("the credentials Secret after down --delete-data").isNull();
  }

  @Test
  @DisplayName("down --delete-data keeps its own namespace while it holds a backup volume, another tool's"
      + " look-alike claim or another release, and names them")
  void namespaceWithOthersStays(LocalCluster cluster, TestNamespace namespace) throws Exception {
    String own = namespace.name() + "-own";
    CoreV1Api core = new CoreV1Api(cluster.newAdminClient());
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    Path spec = Files.writeString(temp.resolve("spec.yaml"), "namespace: " + own + "\nchat: false\n");
    String[] where = {"--kubeconfig", kubeconfig.toString(), "-f", spec.toString()};
    try {
      Console.Run up = Console.once(concat(new String[] {"up", "--skip-image-check"}, where));
      assertThat(up.code()).as(up.err()).isZero();
      assertThat(up.out()).contains("Namespace/" + own);
      claim(core, own, "openim-backups", Map.of()); // as backup --size makes it
      // a Bitnami chart's MongoDB claim of a release also named openim carries the same labels
      claim(core, own, "datadir-openim-mongodb-0",
          Map.of("app.kubernetes.io/instance", "openim", "app.kubernetes.io/name", "mongodb"));
      core.createNamespacedConfigMap(own, new V1ConfigMap().metadata(new V1ObjectMeta().name("other-openim-deploy")
          .labels(Map.of("applyset.kubernetes.io/id", "applyset-other-v1", "app.kubernetes.io/instance", "other"))))
          .execute();

      Console.Run down = Console.once(concat(new String[] {"down", "--delete-data"}, where));
      assertThat(down.code()).as(down.err()).isZero();
      assertThat(down.out()).contains("deleted the data volumes PersistentVolumeClaim/" + own + "/data-openim-")
          .doesNotContain("/datadir-openim-mongodb-0").doesNotContain("deleted the namespace")
          .contains("the namespace " + own + " stays: it still holds ");
      String stays = down.out().lines().filter(l -> l.contains(" stays: ")).findFirst().orElseThrow();
      assertThat(stays).contains("PersistentVolumeClaim openim-backups")
          .contains("PersistentVolumeClaim datadir-openim-mongodb-0")
          .contains("ConfigMap other-openim-deploy (release other)")
          .doesNotContain("kube-root-ca.crt").doesNotContain("openim-credentials").doesNotContain("data-openim-");
      assertThat(core.readNamespace(own).execute().getMetadata().getDeletionTimestamp()).isNull();
      for (String name : List.of("openim-backups", "datadir-openim-mongodb-0")) {
        assertThat(core.readNamespacedPersistentVolumeClaim(name, own).execute().getMetadata().getDeletionTimestamp())
            .as(name).isNull();
      }
    } finally {
      core.deleteNamespace(own).execute();
    }
  }

  @Test
  @DisplayName("down refuses a Helm release of another chart, and removes nothing")
  void foreignHelmRelease(LocalCluster cluster, TestNamespace namespace) throws Exception {
    String kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig()).toString();
    Path chart = temp.resolve("other");
    helm("create", chart.toString());
    helm("install", "openim", chart.toString(), "--kubeconfig", kubeconfig, "-n", namespace.name());

    Console.Run down = Console.once("down", "--kubeconfig", kubeconfig, "-n", namespace.name(), "--release", "openim");
    assertThat(down.code()).as(down.out()).isEqualTo(1);
    assertThat(down.out()).doesNotContain("uninstalled");
    assertThat(down.err()).contains("Helm release " + namespace.name() + "/openim: revision 1, deployed, chart other-0.1.0")
        .contains("refused, nothing was changed: it is not openim-deploy's: its chart is other, and the helm provider installs chart openim");
    assertThat(helm("list", "-q", "--kubeconfig", kubeconfig, "-n", namespace.name()).trim()).isEqualTo("openim");
  }

  @Test
  @DisplayName("when Helm's release Secrets cannot be listed, down says it could not check, not that there is none")
  void helmUnchecked(LocalCluster cluster, TestNamespace namespace) throws Exception {
    RbacAuthorizationV1Api rbac = new RbacAuthorizationV1Api(cluster.newAdminClient());
    rbac.createNamespacedRole(namespace.name(), new V1Role().metadata(new V1ObjectMeta().name("configmaps-only"))
        .rules(List.of(new V1PolicyRule().apiGroups(List.of("")).resources(List.of("configmaps"))
            .verbs(List.of("get", "list", "delete"))))).execute();
    rbac.createNamespacedRoleBinding(namespace.name(), new V1RoleBinding().metadata(new V1ObjectMeta().name("bob"))
        .roleRef(new V1RoleRef().apiGroup("rbac.authorization.k8s.io").kind("Role").name("configmaps-only"))
        .subjects(List.of(new RbacV1Subject().kind("User").name("bob").apiGroup("rbac.authorization.k8s.io"))))
        .execute();
    Path kubeconfig = Files.writeString(temp.resolve("bob"), cluster.kubeconfigFor("bob"));

    Console.Run down = Console.once("down", "--kubeconfig", kubeconfig.toString(), "-n", namespace.name(),
        "--release", "ghost");
    assertThat(down.code()).as(down.out()).isEqualTo(1);
    assertThat(down.err()).contains("nothing found for release ghost")
        .contains("could not check for a Helm release: could not read the Helm revisions of " + namespace.name()
            + "/ghost: HTTP 403")
        .doesNotContain("no Helm release of that name");
  }

  private String[] where(LocalCluster cluster, TestNamespace namespace) throws Exception {
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    Path spec = Files.writeString(temp.resolve("spec.yaml"), "namespace: " + namespace.name() + "\nchat: false\n");
    return new String[] {"--kubeconfig", kubeconfig.toString(), "-f", spec.toString()};
  }

  private static void claim(CoreV1Api core, String namespace, String name, Map<String, String> labels)
      throws ApiException {
    core.createNamespacedPersistentVolumeClaim(namespace, new V1PersistentVolumeClaim()
        .metadata(new V1ObjectMeta().name(name).labels(labels))
        .spec(new V1PersistentVolumeClaimSpec().accessModes(List.of("ReadWriteOnce"))
            .storageClassName(LocalCluster.STORAGE_CLASS)
            .resources(new V1VolumeResourceRequirements().requests(Map.of("storage", new Quantity("1Gi"))))))
        .execute();
  }

  private static V1Secret secret(CoreV1Api core, String namespace) throws ApiException {
    try {
      V1Secret secret = core.readNamespacedSecret("openim-credentials", namespace).execute();
      return secret.getMetadata().getDeletionTimestamp() == null ? secret : null;
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  /** The Secret's values, compared but never printed. */
  private static Map<String, String> values(CoreV1Api core, String namespace) throws ApiException {
    Map<String, String> values = new TreeMap<>();
    secret(core, namespace).getData().forEach((k, v) -> values.put(k, Arrays.toString(v)));
    return values;
  }
}
