/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.core.migrate.MigrationPlan;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Job;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Revision;
import io.openim.deploy.core.migrate.MigrationPlan.Step;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration run against the local cluster, with the old host played by this machine: OpenIM,
 * MongoDB and MinIO "answer" on real sockets the test opens and closes the way an operator's
 * commands would. KWOK plays the Jobs' pods.
 */
@WithLocalCluster
@DisplayName("Migrating a docker-compose OpenIM into the local cluster, step by step")
class MigrationIT {
  @TempDir Path dir;
  private final List<ServerSocket> open = new ArrayList<>();
  private final List<DeploymentEvent> events = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeSockets() throws Exception {
    for (ServerSocket socket : open) {
      socket.close();
    }
  }

  @Test
  @DisplayName("stops while OpenIM still answers on the old host, then resumes and finishes")
  void stopsThenResumes(LocalCluster cluster, TestNamespace namespace) throws Exception {
    ApiClient admin = cluster.newAdminClient();
    String ns = namespace.name();
    ServerSocket api = listen();
    int gateway = freePort();
    ServerSocket minio = listen();
    int mongo = freePort();
    Path compose = compose(api.getLocalPort(), gateway, minio.getLocalPort());
    Path specDir = dir.resolve("moved");
    MigrationPlan plan = MigrationPlan.builder(compose, "127.0.0.1").release("moved").namespace(ns)
        .specDirectory(specDir).ports(mongo, 10005).build();
    List<String> asked = new ArrayList<>();

    try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig()).listener(events::add)
        .objectTimeout(Duration.ofSeconds(90)).build()) {
      MigrationPlan.Result first = deployer.migrate(plan, step -> asked.add(step.name()));

      assertThat(first.succeeded()).isFalse();
      assertThat(first.done()).extracting(Step::name).containsExactly("spec", "deploy");
      assertThat(first.failed().name()).isEqualTo("freeze");
      assertThat(first.reason()).isEqualTo("OpenIM still answers at 127.0.0.1:" + api.getLocalPort()
          + "; do the step's commands and run again");
      assertThat(first.rollback()).contains("docker compose start openim-server");
      assertThat(specDir.resolve("openim.yaml")).exists();
      assertThat(Files.readString(specDir.resolve("compose.migration.yaml"))).contains("- \"" + mongo + ":27017\"");
      assertThat(new AppsV1Api(admin).readNamespacedDeployment("moved-api", ns).execute().getSpec().getReplicas())
          .as("deployed at zero").isZero();
      assertThat(jobs(admin, ns)).noneMatch(name -> name.contains("backup"));

      api.close(); // the operator stopped OpenIM on the old host
      Map<String, Runnable> operator = new HashMap<>();
      operator.put("open", () -> open.add(listen(mongo)));
      operator.put("close", () -> closeQuietly(open.get(open.size() - 1)));
      MigrationPlan resumed = MigrationPlan.builder(compose, "127.0.0.1").release("moved").namespace(ns)
          .specDirectory(specDir).ports(mongo, 10005).build();
      assertThat(resumed.steps().get(0).action()).startsWith("use the spec written before");
      asked.clear();
      MigrationPlan.Result second = deployer.migrate(resumed, step -> {
        asked.add(step.name());
        operator.getOrDefault(step.name(), () -> { }).run();
        return true;
      });

      assertThat(second.reason()).isNull();
      assertThat(second.succeeded()).isTrue();
      assertThat(asked).containsExactly("freeze", "open", "close", "cut-over");
      assertThat(Files.readString(specDir.resolve("migration-state"))).contains("done restore\n")
          .containsPattern("backup migrate-\\d{8}-\\d{6}");

      // a third run finds everything done: no question, no Job, no revision
      int revisions = deployer.history(ReleaseRef.of(resumed.spec())).size();
      int jobCount = jobs(admin, ns).size();
      asked.clear();
      MigrationPlan.Result third = deployer.migrate(resumed, step -> asked.add(step.name()));
      assertThat(third.succeeded()).isTrue();
      assertThat(asked).isEmpty();
      assertThat(jobs(admin, ns)).hasSize(jobCount);
      assertThat(deployer.history(ReleaseRef.of(resumed.spec()))).hasSize(revisions);

      // the operator went back (OpenIM serves on the old host again): what was recorded is not trusted
      open.add(listen(api.getLocalPort()));
      asked.clear();
      MigrationPlan.Result fourth = deployer.migrate(resumed, step -> asked.add(step.name()) && false);
      assertThat(fourth.failed().name()).isEqualTo("freeze");
      assertThat(asked).containsExactly("freeze");
      assertThat(events).filteredOn(DeploymentEvent.StepStarted.class::isInstance)
          .extracting(e -> ((DeploymentEvent.StepStarted) e).step())
          .contains("3/8 freeze: done in an earlier run, but OpenIM answers again at 127.0.0.1:" + api.getLocalPort()
              + "; do the step's commands and run again; doing it again");
      assertThat(Files.readString(specDir.resolve("migration-state"))).contains("done deploy")
          .doesNotContain("done freeze").doesNotContain("done restore");
      assertThat(deployer.history(ReleaseRef.of(resumed.spec()))).extracting(Revision::description)
          .as("the restore found OpenIM at zero already: no revision for scaling down again")
          .hasSize(2).first().isEqualTo("migrate: deployed with OpenIM at zero");
      assertThat(deployer.history(ReleaseRef.of(resumed.spec())).get(1).description()).startsWith("restore migrate-");
    }
    V1Job backup = new BatchV1Api(admin).listNamespacedJob(ns).execute().getItems().stream()
        .filter(j -> j.getMetadata().getName().startsWith("moved-backup-migrate-")).findFirst().orElseThrow();
    List<V1EnvVar> env = backup.getSpec().getTemplate().getSpec().getInitContainers().get(0).getEnv();
    assertThat(env).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue())
        .isEqualTo("MONGO_HOST=127.0.0.1:" + mongo));
    assertThat(env).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("MONGO_USER=olduser"));
    // the old host's passwords reached the Job by a Secret that is gone once the Job ended
    assertThat(env).filteredOn(e -> e.getValueFrom() != null).extracting(e -> e.getValueFrom().getSecretKeyRef().getName())
        .containsOnly(backup.getMetadata().getName() + "-source");
    assertThat(new CoreV1Api(admin).listNamespacedSecret(ns).execute().getItems())
        .extracting(secret -> secret.getMetadata().getName()).noneMatch(name -> name.endsWith("-source"));
    assertThat(jobs(admin, ns)).anyMatch(name -> name.startsWith("moved-restore-")).anyMatch(name -> name.startsWith("moved-check-"))
        .noneMatch(name -> name.endsWith("-before-restore"));
    assertThat(new AppsV1Api(admin).readNamespacedDeployment("moved-api", ns).execute().getSpec().getReplicas())
        .isEqualTo(1);
    assertThat(events).filteredOn(DeploymentEvent.StepStarted.class::isInstance)
        .extracting(e -> ((DeploymentEvent.StepStarted) e).step()).anyMatch(s -> s.startsWith("5/8 backup: copy"));
  }

  private Path compose(int api, int gateway, int minio) throws Exception {
    Path compose = Files.createDirectories(dir.resolve("compose"));
    Files.writeString(compose.resolve(".env"), String.join("\n",
        "MONGO_ADDRESS=mongo:27017", "MONGO_USERNAME=olduser", "MONGO_PASSWORD=old-mongo-s3cret",
        "REDIS_ADDRESS=redis:6379", "REDIS_PASSWORD=old-redis-s3cret",
        "MINIO_INTERNAL_ADDRESS=minio:9000", "MINIO_ACCESS_KEY_ID=oldadmin", "MINIO_SECRET_ACCESS_KEY=old-minio-s3cret",
        "OPENIM_SECRET=old-openim-s3cret", "API_PORT=" + api, "GATEWAY_PORT=" + gateway, "MINIO_PORT=" + minio, ""));
    Files.writeString(compose.resolve("docker-compose.yaml"), String.join("\n",
        "services:",
        "  mongo:",
        "    image: mongo:7.0.28",
        "  redis:",
        "    image: redis:7.0.0",
        "  minio:",
        "    image: minio/minio:RELEASE.2024-01-11T07-46-16Z",
        "    ports:",
        "      - \"${MINIO_PORT}:9000\"",
        "  openim-server:",
        "    image: openim/openim-server:v3.8.3-patch.15",
        "    ports:",
        "      - \"${GATEWAY_PORT}:10001\"",
        "      - \"${API_PORT}:10002\"",
        "  openim-chat:",
        "    image: openim/openim-chat:v1.8.4-patch.5",
        ""));
    return compose;
  }

  private ServerSocket listen() {
    ServerSocket socket = listen(0);
    open.add(socket);
    return socket;
  }

  private static ServerSocket listen(int port) {
    try {
      return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> jobs(ApiClient admin, String ns) throws Exception {
    return new BatchV1Api(admin).listNamespacedJob(ns).execute().getItems().stream()
        .map(j -> j.getMetadata().getName()).toList();
  }
}
