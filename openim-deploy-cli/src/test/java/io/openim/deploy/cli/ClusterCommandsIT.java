/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.Component;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithLocalCluster
@DisplayName("openim-deploy up, status, history, rollback and down against a cluster")
class ClusterCommandsIT {
  @TempDir Path temp;

  private static Console.Run run(String... args) {
    return Console.once(args);
  }

  @Test
  @DisplayName("backup, a refused second backup with the same id, restore")
  void backupAndRestore(LocalCluster cluster, TestNamespace namespace) throws Exception {
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    String[] where = {"--kubeconfig", kubeconfig.toString(), "-n", namespace.name(), "--release", "im"};
    assertThat(run(concat(new String[] {"up", "--skip-image-check"}, where)).code()).isZero();

    Console.Run backup = run(concat(new String[] {"backup", "--size", "1Gi", "--id", "first"}, where));
    assertThat(backup.code()).as(backup.err()).isZero();
    assertThat(backup.out()).contains("backup first: copy MongoDB's openim_v3 and MinIO's bucket openim")
        .contains("backup first of " + namespace.name() + "/im is in volume openim-backups")
        .contains("restore it with: openim-deploy restore first -n " + namespace.name() + " --release im --volume openim-backups");
    Console.Run again = run(concat(new String[] {"backup", "--id", "first"}, where));
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("a backup with id first was made before");
    Console.Run s3 = run(concat(new String[] {"backup", "--s3-endpoint", "https://s3.example.com"}, where));
    assertThat(s3.code()).isEqualTo(2);
    assertThat(s3.err()).contains("--s3-endpoint needs --s3-bucket").contains("set $OPENIM_BACKUP_S3_SECRET_KEY");

    Console.Run restore = run(concat(new String[] {"restore", "first"}, where));
    assertThat(restore.code()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("restore first: back up the release's current data first")
        .contains("restore first: scale OpenIM back up").contains("restored backup first into " + namespace.name() + "/im");
  }

  @Test
  @DisplayName("migrate --run: the spec is written and the release deployed at zero; a step not confirmed stops it")
  void migrateStopsWhenNotConfirmed(LocalCluster cluster, TestNamespace namespace) throws Exception {
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    Path out = temp.resolve("migrated");
    java.io.InputStream stdin = System.in;
    System.setIn(new java.io.ByteArrayInputStream("not yet\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    Console.Run migrate;
    try {
      migrate = run("migrate", MigrateCommandTest.compose(temp).toString(), "--host", "127.0.0.1", "-o", out.toString(),
          "--kubeconfig", kubeconfig.toString(), "-n", namespace.name(), "--release", "moved", "--run");
    } finally {
      System.setIn(stdin);
    }
    assertThat(migrate.code()).as(migrate.err()).isEqualTo(1);
    assertThat(migrate.out()).contains("migrate " + namespace.name() + "/moved: 1/8 spec")
        .contains("migrate " + namespace.name() + "/moved: 2/8 deploy").contains("  step 3 (freeze): stop OpenIM")
        .contains("type 'done' when done");
    assertThat(migrate.err()).contains("error: step 3 (freeze): stopped before step 3 (freeze) as asked")
        .as("the freeze never happened: going back undoes the deploy")
        .contains("to go back: openim-deploy down -f " + out.resolve("openim.yaml") + " --delete-data");
    assertThat(out.resolve("openim.yaml")).exists();
    assertThat(out.resolve("secrets/openim-secret")).hasContent("imported-secret-42");
    assertThat(run("status", "--kubeconfig", kubeconfig.toString(), "-n", namespace.name(), "--release", "moved").out())
        .containsPattern("moved-api +Deployment +0/0").containsPattern("moved-mongodb +StatefulSet +1/1");
  }

  @Test
  @DisplayName("a release's whole life through the command line")
  void lifecycle(LocalCluster cluster, TestNamespace namespace) throws Exception {
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    String[] where = {"--kubeconfig", kubeconfig.toString(), "-n", namespace.name(), "--release", "im"};

    // what the plans hold, so the counts below follow the renderer (the test namespace existed
    // before, so the plan's Namespace is not among the objects)
    DeploymentSpec base = DeploymentSpec.builder("im").namespace(namespace.name()).build();
    DeploymentPlan first = Topology.plan(base);
    int objects = first.manifests().size() - 1;
    long configuration = first.manifests().stream().filter(m -> m.phase() == Phase.CONFIGURATION).count();
    Console.Run up = run(concat(new String[] {"up", "--skip-image-check"}, where));
    assertThat(up.code()).as(up.err()).isZero();
    assertThat(up.out()).contains("Images not checked (--skip-image-check)").doesNotContain("Checking ");
    assertThat(up.out()).doesNotContain("FOUNDATION").contains("CONFIGURATION (" + configuration + " objects)").contains("  ready StatefulSet/" + namespace.name() + "/im-mongodb")
        .containsPattern("OpenIM v3.8.3-patch.15 is up in " + namespace.name() + "/im: revision 1; " + objects + " created, 0 changed")
        .as("the test namespace existed before: it is not labelled, not the release's").doesNotContain("Namespace/");

    Console.Run status = run(concat(new String[] {"status"}, where));
    assertThat(status.code()).isZero();
    // the workloads, then a blank line and where chat's admin password and sign-up code are
    assertThat(status.out().lines()).hasSize(1 + 21 + 3).first().asString().startsWith("NAME");
    assertThat(status.out()).contains("get secret im-credentials -o jsonpath='{.data.chat-admin-password}'",
        "get secret im-credentials -o jsonpath='{.data.chat-super-code}'");
    assertThat(up.out()).contains("chat sign-up verification code", "-n " + namespace.name() + " get secret im-credentials");
    assertThat(status.out()).containsPattern("im-rpc-user +Deployment +1/1");

    Console.Run same = run(concat(new String[] {"diff"}, where));
    assertThat(same.code()).as(same.err()).isZero();
    assertThat(same.out()).isEqualTo("no differences\n");
    Path spec = Files.writeString(temp.resolve("spec.yaml"), "components:\n  api: {replicas: 2}\nchat: false\n");
    Console.Run changed = run(concat(new String[] {"diff", "-f", spec.toString()}, where));
    assertThat(changed.code()).isEqualTo(1);
    assertThat(changed.out()).contains("~ Deployment/" + namespace.name() + "/im-api\n    spec.replicas: 1 -> 2")
        .contains("- Deployment/" + namespace.name() + "/im-chat-api")
        // from the same generated credentials, as diff takes the live Secret's
        .endsWith(changedObjects(first, Topology.plan(base.toBuilder().replicas(Component.API, 2).chat(false).build()))
            + " of " + objects + " objects would change\n");

    Console.Run again = run(concat(new String[] {"up", "--skip-image-check"}, where));
    assertThat(again.out()).contains("revision 1; 0 created, 0 changed, " + objects + " unchanged, 0 pruned");

    Console.Run scaled = run(concat(new String[] {"scale", "api", "2"}, where));
    assertThat(scaled.code()).as(scaled.err()).isZero();
    assertThat(scaled.out()).contains("scaled api to 2 replicas");
    assertThat(run(concat(new String[] {"status"}, where)).out()).containsPattern("im-api +Deployment +2/2");
    Console.Run cron = run(concat(new String[] {"scale", "crontask", "2"}, where));
    assertThat(cron.code()).isEqualTo(2);
    assertThat(cron.err()).contains("components.crontask.replicas: must be 1");
    Console.Run transfer = run(concat(new String[] {"scale", "msgtransfer", "1", "--max", "12"}, where));
    assertThat(transfer.err()).contains("warning: msgtransfer may run 12 replicas but each Kafka topic has 8 partitions")
        .contains("--raise-partitions");
    Console.Run raised = run(concat(new String[] {"scale", "msgtransfer", "1", "--max", "12", "--raise-partitions"}, where));
    assertThat(raised.code()).as(raised.err()).isZero();
    assertThat(raised.err()).doesNotContain("partitions");
    assertThat(raised.out()).contains("created Job/" + namespace.name() + "/im-kafka-topics-")
        .contains("pruned Job/" + namespace.name() + "/im-kafka-topics-");

    Console.Run history = run(concat(new String[] {"history"}, where));
    // revision 4 added msgtransfer's HorizontalPodAutoscaler
    assertThat(history.out()).containsPattern("\\n1 +\\S+ +v3.8.3-patch.15 +" + objects + " +apply")
        .containsPattern("\\n4 +\\S+ +v3.8.3-patch.15 +" + (objects + 1) + " +apply");

    Console.Run rollback = run(concat(new String[] {"rollback", "1"}, where));
    assertThat(rollback.code()).as(rollback.err()).isZero();
    assertThat(rollback.out()).contains("rolled back " + namespace.name() + "/im to revision 1 as revision 5");

    Console.Run down = run(concat(new String[] {"down"}, where));
    assertThat(down.code()).isZero();
    assertThat(down.out()).contains("its namespace, data volumes and credentials stay");
    Console.Run gone = run(concat(new String[] {"status"}, where));
    assertThat(gone.code()).isEqualTo(1);
    assertThat(gone.err()).contains("is not installed");
  }

  @Test
  @DisplayName("chart exports a Helm chart, and up --provider helm installs OpenIM as a Helm release")
  void helm(LocalCluster cluster, TestNamespace namespace) throws Exception {
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    Path spec = Files.writeString(temp.resolve("spec.yaml"), "namespace: " + namespace.name() + "\nchat: false\n");
    Console.Run chart = run("chart", "-f", spec.toString(), "-o", temp.resolve("charts").toString());
    assertThat(chart.code()).as(chart.err()).isZero();
    assertThat(chart.out()).contains("install it with:  helm install openim " + temp.resolve("charts").resolve("openim")
        + " --namespace " + namespace.name() + " --create-namespace");
    assertThat(temp.resolve("charts").resolve("openim").resolve("values.schema.json")).exists();

    Console.Run up = run("up", "--skip-image-check", "--provider", "helm", "--kubeconfig", kubeconfig.toString(), "-f", spec.toString());
    assertThat(up.code()).as(up.err()).isZero();
    int objects = Topology.plan(DeploymentSpec.builder("openim").namespace(namespace.name()).chat(false).build())
        .manifests().size() - 1;
    assertThat(up.out()).contains("OpenIM v3.8.3-patch.15 is up in " + namespace.name() + "/openim: revision 1; "
        + objects + " created")
        .containsPattern("openim-api +Deployment +1/1");
  }

  @Test
  @DisplayName("up without a cluster starts the embedded local cluster and brings OpenIM up on it")
  void upOnTheEmbeddedCluster() {
    Console.Run up = run("up", "--exit");
    assertThat(up.code()).as(up.err()).isZero();
    assertThat(up.out()).startsWith("Starting the embedded local cluster")
        .contains("Images not checked: the embedded local cluster pulls no image (KWOK runs no container).")
        .contains("OpenIM v3.8.3-patch.15 is up in openim/openim: revision 1")
        .containsPattern("openim-api +Deployment +1/1");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** How many objects differ between two plans: only in one of them, or with another body. */
  private static long changedObjects(DeploymentPlan from, DeploymentPlan to) {
    Map<String, Manifest> before = new HashMap<>();
    from.manifests().forEach(m -> before.put(m.kind() + "/" + m.name(), m));
    Map<String, Manifest> after = new HashMap<>();
    to.manifests().forEach(m -> after.put(m.kind() + "/" + m.name(), m));
    Set<String> keys = new HashSet<>(before.keySet());
    keys.addAll(after.keySet());
    return keys.stream().filter(k -> before.get(k) == null || after.get(k) == null
        || !before.get(k).body().equals(after.get(k).body())).count();
  }
}
