/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.openim.deploy.local.ControlPlaneBinaries;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("down, status, history and rollback say what is true")
class ReleaseCommandsIT {
  private static final Pattern HISTORY_ROW = Pattern.compile("(?m)^(\\d+)\\s+.*?\\b(deployed|superseded|failed)\\b");

  @TempDir Path temp;

  private static Console.Run run(String... args) {
    return Console.once(args);
  }

  @Test
  @DisplayName("down of a release that is not there exits 1 and says nothing was found, with or without --delete-data")
  void downFindsNothing(LocalCluster cluster, TestNamespace namespace) throws Exception {
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    for (String[] extra : List.of(new String[0], new String[] {"--delete-data"})) {
      Console.Run down = run(concat(new String[] {"down", "--kubeconfig", kubeconfig.toString(), "-n", namespace.name(),
          "--release", "ghost"}, extra));
      assertThat(down.code()).as(down.out()).isEqualTo(1);
      assertThat(down.out()).doesNotContain("removed");
      assertThat(down.err()).contains("error: nothing found for release ghost in namespace " + namespace.name())
          .contains("nothing was removed");
    }
    assertThat(new CoreV1Api(cluster.newAdminClient()).readNamespace(namespace.name()).execute().getMetadata()
        .getDeletionTimestamp()).isNull();
  }

  @Test
  @DisplayName("a namespace that existed is never labelled; down --delete-data deletes the data volumes and says the namespace stays")
  void foreignNamespaceStays(LocalCluster cluster, TestNamespace namespace) throws Exception {
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    Path spec = Files.writeString(temp.resolve("spec.yaml"), "namespace: " + namespace.name() + "\nchat: false\n");
    CoreV1Api core = new CoreV1Api(cluster.newAdminClient());
    Console.Run up = run("up", "--skip-image-check", "--kubeconfig", kubeconfig.toString(), "-f", spec.toString());
    assertThat(up.code()).as(up.err()).isZero();
    assertThat(up.out()).doesNotContain("Namespace/" + namespace.name());
    assertThat(core.readNamespace(namespace.name()).execute().getMetadata().getLabels())
        .doesNotContainKeys("applyset.kubernetes.io/part-of", "app.kubernetes.io/managed-by");
    List<String> claims = claims(core, namespace.name());
    assertThat(claims).contains("data-openim-mongodb-0", "data-openim-kafka-0");

    Console.Run down = run("down", "--kubeconfig", kubeconfig.toString(), "-f", spec.toString(), "--delete-data");
    assertThat(down.code()).as(down.err()).isZero();
    assertThat(down.out()).contains("the namespace " + namespace.name() + " stays: openim-deploy did not create it")
        .doesNotContain("deleted the namespace")
        .contains("deleted the data volumes " + claims.stream().sorted()
            .map(c -> "PersistentVolumeClaim/" + namespace.name() + "/" + c).collect(Collectors.joining(", ")));
    assertThat(core.readNamespace(namespace.name()).execute().getMetadata().getDeletionTimestamp()).isNull();
    assertThat(core.listNamespacedPersistentVolumeClaim(namespace.name()).execute().getItems())
        .allMatch(c -> c.getMetadata().getDeletionTimestamp() != null);
  }

  @Test
  @DisplayName("down --delete-data deletes a namespace that up created for the release, and says so")
  void ownNamespaceGoes(LocalCluster cluster, TestNamespace namespace) throws Exception {
    String own = namespace.name() + "-own";
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    Path spec = Files.writeString(temp.resolve("spec.yaml"), "namespace: " + own + "\nchat: false\n");
    Console.Run up = run("up", "--skip-image-check", "--kubeconfig", kubeconfig.toString(), "-f", spec.toString());
    assertThat(up.code()).as(up.err()).isZero();
    assertThat(up.out()).contains("Namespace/" + own);

    Console.Run down = run("down", "--kubeconfig", kubeconfig.toString(), "-f", spec.toString(), "--delete-data");
    assertThat(down.code()).as(down.err()).isZero();
    assertThat(down.out()).contains("deleted the namespace " + own).doesNotContain("stays");
    V1Namespace gone = namespaceOrNull(new CoreV1Api(cluster.newAdminClient()), own);
    assertThat(gone == null || gone.getMetadata().getDeletionTimestamp() != null).as("deleted or terminating").isTrue();
  }

  @Test
  @DisplayName("on a Helm release, status names it, history is Helm's, rollback is a Helm rollback, down uninstalls it")
  void helmRelease(LocalCluster cluster, TestNamespace namespace) throws Exception {
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    Path spec = Files.writeString(temp.resolve("spec.yaml"), "namespace: " + namespace.name() + "\nchat: false\n");
    String[] where = {"--kubeconfig", kubeconfig.toString(), "-f", spec.toString()};
    Console.Run up = run(concat(new String[] {"up", "--skip-image-check", "--provider", "helm"}, where));
    assertThat(up.code()).as(up.err()).isZero();

    Console.Run status = run(concat(new String[] {"status"}, where));
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out()).startsWith("Helm release " + namespace.name() + "/openim: revision 1, deployed, chart openim-");

    Console.Run rollback = run(concat(new String[] {"rollback", "1"}, where));
    assertThat(rollback.code()).as(rollback.err()).isZero();
    assertThat(rollback.out()).contains("rolled back the Helm release " + namespace.name() + "/openim to revision 1 as revision 2");

    Console.Run history = run(concat(new String[] {"history"}, where));
    assertThat(history.code()).as(history.err()).isZero();
    String helmHistory = helm("history", "openim", "--kubeconfig", kubeconfig.toString(), "-n", namespace.name());
    assertThat(rows(history.out())).as("helm history says:%n%s", helmHistory)
        .containsExactly("1 superseded", "2 deployed").isEqualTo(rows(helmHistory));
    assertThat(history.out()).contains("Rollback to 1");
    Console.Run explicit = run(concat(new String[] {"history", "--provider", "helm"}, where));
    assertThat(explicit.code()).as(explicit.err()).isZero();
    assertThat(rows(explicit.out())).isEqualTo(rows(helmHistory));

    Console.Run diff = run(concat(new String[] {"diff"}, where));
    assertThat(diff.code()).as("a verb the provider declines is refused as input: %s", diff.out()).isEqualTo(2);
    assertThat(diff.err()).contains("the helm provider does not support diff: Helm computes an upgrade itself");

    Console.Run down = run(concat(new String[] {"down"}, where));
    assertThat(down.code()).as(down.err()).isZero();
    assertThat(down.out()).contains("uninstalled the Helm release " + namespace.name() + "/openim: revision 2")
        .contains("its namespace, data volumes and credentials stay");
    assertThat(helm("list", "-q", "--kubeconfig", kubeconfig.toString(), "-n", namespace.name())).isBlank();
    assertThat(claims(new CoreV1Api(cluster.newAdminClient()), namespace.name())).contains("data-openim-mongodb-0");
    Console.Run gone = run(concat(new String[] {"status"}, where));
    assertThat(gone.code()).isEqualTo(1);
  }

  private static List<String> rows(String table) {
    Matcher m = HISTORY_ROW.matcher(table);
    List<String> rows = new java.util.ArrayList<>();
    while (m.find()) {
      rows.add(m.group(1) + " " + m.group(2));
    }
    return rows;
  }

  static List<String> claims(CoreV1Api core, String namespace) throws ApiException {
    return core.listNamespacedPersistentVolumeClaim(namespace).execute().getItems().stream()
        .map(V1PersistentVolumeClaim::getMetadata).map(m -> m.getName()).toList();
  }

  private static V1Namespace namespaceOrNull(CoreV1Api core, String name) throws ApiException {
    try {
      return core.readNamespace(name).execute();
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  /** Runs the helm command line openim-deploy-local builds; its standard output. */
  static String helm(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add(ControlPlaneBinaries.locate().file("helm").toString());
    command.addAll(List.of(args));
    Path home = Files.createTempDirectory("helm-home-");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("HELM_CACHE_HOME", home.resolve("cache").toString());
    builder.environment().put("HELM_CONFIG_HOME", home.resolve("config").toString());
    builder.environment().put("HELM_DATA_HOME", home.resolve("data").toString());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("helm %s finished", args[0]).isTrue();
    assertThat(process.exitValue()).as("helm %s: %s", args[0], out).isZero();
    return out;
  }

  static String[] concat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
