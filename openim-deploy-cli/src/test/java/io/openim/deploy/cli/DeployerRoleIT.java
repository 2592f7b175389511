/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static io.openim.deploy.cli.ReleaseCommandsIT.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.images.ImageCheck;
import io.openim.deploy.local.ControlPlaneBinaries;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The role {@code openim-deploy rbac} prints, applied by an admin with kubectl exactly as printed,
 * is enough for an identity that holds nothing else to run every release command; with a right
 * taken out, {@code up} is refused before it writes anything, naming what is missing.
 */
@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("The deployer's role, held by a non-admin identity")
class DeployerRoleIT {
  @TempDir Path temp;

  @Test
  @DisplayName("with exactly the printed role: up, diff, status, history, up, rollback, backup, restore and down succeed")
  void theRoleIsEnough(LocalCluster cluster, TestNamespace namespace) throws Exception {
    String ns = namespace.name();
    Console.Run printed = Console.once("rbac", "--namespace", ns, "--user", "ci-bot");
    assertThat(printed.code()).as(printed.err()).isZero();
    kubectlApply(cluster, printed.out());
    // everything below runs where the API server enforces Pod Security restricted
    assertThat(new CoreV1Api(cluster.newAdminClient()).readNamespace(ns).execute().getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    String kubeconfig = cluster.kubeconfigFor("ci-bot");
    awaitRole(kubeconfig, ns);

    Path config = Files.writeString(temp.resolve("ci-bot.kubeconfig"), kubeconfig);
    Path spec = Files.writeString(temp.resolve("spec.yaml"), "namespace: " + ns + "\n");
    Path withoutChat = Files.writeString(temp.resolve("no-chat.yaml"), "namespace: " + ns + "\nchat: false\n");
    String[] where = {"--kubeconfig", config.toString(), "-f", spec.toString()};

    ok(concat(new String[] {"up", "--skip-image-check"}, where));
    Console.Run diff = ok(concat(new String[] {"diff"}, where));
    assertThat(diff.out()).contains("no differences");
    ok(concat(new String[] {"status"}, where));
    // a second revision that prunes chat's objects, then a rollback that brings them back
    ok("up", "--skip-image-check", "--kubeconfig", config.toString(), "-f", withoutChat.toString());
    Console.Run rollback = ok(concat(new String[] {"rollback", "1"}, where));
    assertThat(rollback.out()).contains("rolled back " + ns + "/openim to revision 1 as revision 3");
    Console.Run history = ok(concat(new String[] {"history"}, where));
    assertThat(history.out()).contains("rollback to 1");
    ok(concat(new String[] {"backup", "--volume", "backups", "--size", "1Gi", "--id", "by-ci-bot"}, where));
    Console.Run restore = ok(concat(new String[] {"restore", "by-ci-bot", "--volume", "backups"}, where));
    assertThat(restore.out()).contains("restored backup by-ci-bot into " + ns + "/openim");
    Console.Run down = ok(concat(new String[] {"down", "--delete-data"}, where));
    assertThat(down.out()).contains("the namespace " + ns + " stays: openim-deploy did not create it");

    // the image check reads the nodes' platforms with the role's one cluster-wide read
    List<String> notes = ImageCheck.builder().cluster(ClusterConnection.fromKubeconfig(kubeconfig),
        DeploymentSpec.builder("openim").namespace(ns).build()).build().notes();
    assertThat(notes).noneMatch(n -> n.contains("could not list the nodes"));

    CoreV1Api admin = new CoreV1Api(cluster.newAdminClient());
    assertThat(admin.readNamespace(ns).execute().getMetadata().getDeletionTimestamp()).isNull();
    assertThat(new AppsV1Api(cluster.newAdminClient()).listNamespacedDeployment(ns).execute().getItems()).isEmpty();
  }

  @Test
  @DisplayName("with two rights taken out: up, and down of a release an admin made, are refused up front naming what"
      + " they lack and the command that prints the role; nothing is written or deleted")
  void aMissingRightIsNamedUpFront(LocalCluster cluster, TestNamespace namespace) throws Exception {
    String ns = namespace.name();
    Console.Run printed = Console.once("rbac", "-n", ns, "--user", "ci-bot-2");
    assertThat(printed.code()).as(printed.err()).isZero();
    kubectlApply(cluster, without(without(printed.out(), "statefulsets", "create"), "services", "delete"));
    String kubeconfig = cluster.kubeconfigFor("ci-bot-2");
    awaitRole(kubeconfig, ns);
    Path config = Files.writeString(temp.resolve("ci-bot-2.kubeconfig"), kubeconfig);

    Console.Run up = Console.once("up", "--skip-image-check", "--kubeconfig", config.toString(), "-n", ns);
    assertThat(up.code()).as(up.out()).isEqualTo(1);
    assertThat(up.err()).contains("refused before changing anything: the identity lacks 2 rights it needs (")
        .contains("create statefulsets.apps in namespace " + ns).contains("delete services in namespace " + ns)
        .contains("openim-deploy rbac --namespace " + ns + " --user NAME");
    CoreV1Api admin = new CoreV1Api(cluster.newAdminClient());
    assertThat(admin.listNamespacedConfigMap(ns).execute().getItems()).extracting(V1ConfigMap::getMetadata)
        .extracting(m -> m.getName()).containsExactly("kube-root-ca.crt");
    assertThat(admin.listNamespacedSecret(ns).execute().getItems()).isEmpty();
    assertThat(admin.listNamespacedService(ns).execute().getItems()).isEmpty();

    // down of a release an admin deployed: refused before deleting anything, for the one right it uses and lacks
    Path adminConfig = Files.writeString(temp.resolve("admin.kubeconfig"), cluster.adminKubeconfig());
    ok("up", "--skip-image-check", "--kubeconfig", adminConfig.toString(), "-n", ns);
    int services = admin.listNamespacedService(ns).execute().getItems().size();
    Console.Run down = Console.once("down", "--kubeconfig", config.toString(), "-n", ns);
    assertThat(down.code()).as(down.out()).isEqualTo(1);
    assertThat(down.err()).contains("down of " + ns + "/openim refused, nothing was changed: the identity lacks 1 right"
        + " it needs (delete services in namespace " + ns + ")").contains("openim-deploy rbac --namespace " + ns);
    assertThat(admin.listNamespacedService(ns).execute().getItems()).hasSize(services).isNotEmpty();
    assertThat(new AppsV1Api(cluster.newAdminClient()).listNamespacedDeployment(ns).execute().getItems()).isNotEmpty();

    // a read the role lacks altogether: the API server's refusal, with what to do
    String stranger = cluster.kubeconfigFor("stranger");
    Path strangerConfig = Files.writeString(temp.resolve("stranger.kubeconfig"), stranger);
    Console.Run status = Console.once("status", "--kubeconfig", strangerConfig.toString(), "-n", ns);
    assertThat(status.code()).isEqualTo(1);
    assertThat(status.err()).contains("could not list the Deployments of " + ns + "/openim: HTTP 403")
        .contains("cannot list resource \"deployments\" in API group \"apps\" in the namespace \"" + ns + "\"")
        .contains("openim-deploy rbac --namespace " + ns + " --user NAME");
  }

  private static Console.Run ok(String... args) {
    Console.Run run = Console.once(args);
    assertThat(run.code()).as("openim-deploy %s%n%s%n%s", String.join(" ", args), run.out(), run.err()).isZero();
    return run;
  }

  /** The printed YAML with {@code verb} taken out of the Role's rule for {@code resource}. */
  @SuppressWarnings("unchecked")
  private static String without(String yaml, String resource, String verb) {
    List<Object> documents = new ArrayList<>();
    for (Object document : new Yaml().loadAll(yaml)) {
      Map<String, Object> object = (Map<String, Object>) document;
      if ("Role".equals(object.get("kind"))) {
        for (Map<String, Object> rule : (List<Map<String, Object>>) object.get("rules")) {
          if (((List<String>) rule.get("resources")).contains(resource)) {
            assertThat(((List<String>) rule.get("verbs")).remove(verb)).as(resource + " " + verb).isTrue();
          }
        }
      }
      documents.add(object);
    }
    return new Yaml().dumpAll(documents.iterator());
  }

  /** Applies {@code yaml} as the cluster admin, with kubectl, as the README says. */
  private void kubectlApply(LocalCluster cluster, String yaml) throws IOException, InterruptedException {
    Path admin = Files.writeString(temp.resolve("admin-" + System.nanoTime() + ".kubeconfig"), cluster.adminKubeconfig());
    Process process = new ProcessBuilder(ControlPlaneBinaries.locate().file("kubectl").toString(), "apply",
        "--kubeconfig", admin.toString(), "-f", "-").redirectErrorStream(true).start();
    process.getOutputStream().write(yaml.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("kubectl apply finished").isTrue();
    assertThat(process.exitValue()).as(out).isZero();
  }

  /**
   * Waits until the authorizer, which reads RBAC from a cache, counts both bindings: a right of the
   * Role and one of the ClusterRole.
   */
  private static void awaitRole(String kubeconfig, String ns) throws InterruptedException {
    ClusterConnection identity = ClusterConnection.fromKubeconfig(kubeconfig);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!(identity.allows("patch", "apps", "deployments", ns, null).orElse(false)
        && identity.allows("get", "", "namespaces", null, ns).orElse(false))) {
      assertThat(Instant.now()).as("the role's bindings count for the identity within 30 s").isBefore(deadline);
      Thread.sleep(200); // the poll interval: the loop waits for the authorizer to answer yes, until the deadline
    }
  }
}
