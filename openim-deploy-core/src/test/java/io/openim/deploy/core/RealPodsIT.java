/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.core.render.VersionCatalog;
import io.openim.deploy.BackupTarget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import com.google.gson.reflect.TypeToken;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.SecretKey;
import io.openim.deploy.core.engine.Applier;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.RolloutException;
import io.openim.deploy.core.engine.RolloutWaiter;
import io.openim.deploy.core.data.internal.BackupJobs;
import io.openim.deploy.core.render.internal.RenderContext;
import io.openim.deploy.local.ContainerImage;
import io.openim.deploy.local.ImageArchive;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.local.TestImages;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The plan's dependencies in real containers on the local cluster's real node: Redis, MinIO and
 * etcd start from the StatefulSets exactly as rendered (commands, args, environment, volumes,
 * security context) and answer with the generated credentials; each runs as the user versions.yaml
 * records for its image, on a read-only root filesystem, and owns what it writes; etcd runs with
 * authentication and the plan's Job gives OpenIM a user that reaches only OpenIM's keys; Kafka takes
 * connections over SASL/PLAIN only and the topics the plan's Job creates over SASL; data survives a
 * pod restart; the
 * rollout waiter reports a real CrashLoopBackOff and a real ImagePullBackOff; the backup and
 * restore Jobs' MinIO and Redis steps run and round-trip the same bytes.
 *
 * <p>The images are built here from the same upstream software ({@link TestImages}): Debian's
 * Redis, etcd and MinIO from their Go modules; their entrypoint scripts are our own, after the
 * facts in versions.yaml. MongoDB has no faithful build on this machine (it is in no registry we
 * reach), so its parts, and the backup steps that run in its image, stay on KWOK in the other
 * tests. Kafka is Kafka 3.5.1's own jars on Debian's JRE, under scripts of our own in Bitnami's
 * layout. Skipped, with the reason, where no real node can run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("The plan's dependencies in real pods")
class RealPodsIT {
  private static final Duration ROLLOUT = Duration.ofSeconds(120);
  private static final String REDIS_IMAGE = "docker.io/library/redis:7.0.0";
  private static final String LINE_SERVER_IMAGE = VersionCatalog.builtIn().defaultLine().server().image();

  private LocalCluster cluster;
  private ClusterConnection connection;
  private Applier applier;
  private RolloutWaiter waiter;
  private DeploymentSpec spec;
  private DeploymentPlan plan;
  private PodRuns pods;
  private String ns;

  @BeforeAll
  void startDependencies() throws Exception {
    Optional<String> unavailable = LocalCluster.realNodeUnavailable();
    Assumptions.assumeTrue(unavailable.isEmpty(), () -> "no real node on this machine: " + unavailable.orElseThrow());
    List<ImageArchive> images = List.of(TestImages.redis(), TestImages.etcd(), TestImages.minio(), TestImages.mc(),
        TestImages.kafka(),
        ContainerImage.builder(PodRuns.BUSYBOX).busybox().build().archive(), openImLayout());
    cluster = LocalCluster.builder().nodes(0).realNodes(1).start();
    images.forEach(image -> cluster.importImage(image.file()));
    ns = cluster.createNamespace("real-pods");
    connection = ClusterConnection.fromKubeconfig(cluster.adminKubeconfig());
    applier = new Applier(connection, false);
    waiter = new RolloutWaiter(connection);
    pods = new PodRuns(cluster.newAdminClient(), ns, applier);
    spec = DeploymentSpec.builder("im").namespace(ns).build();
    try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig()).build()) {
      plan = deployer.plan(spec);
    }
    List<Manifest> wanted = RealDependencies.start(plan, applier, waiter, ROLLOUT);
    assertThat(wanted).extracting(Manifest::kind).contains("Secret", "StatefulSet", "Service");
    assertThat(pods.run("services-up", REDIS_IMAGE,
        PodRuns.reachable(RealDependencies.PORTS.toArray(String[]::new)) + "echo services-up",
        List.of())).contains("services-up");
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(10)
  @DisplayName("Redis, MinIO and etcd run from the rendered StatefulSets and answer with the generated credentials")
  void dependenciesAnswer() throws Exception {
    assertThat(pods.run("redis-ping", "docker.io/library/redis:7.0.0", """
        redis-cli -h im-redis -a "$REDIS_PASSWORD" --no-auth-warning ping
        redis-cli -h im-redis ping
        """, List.of(PodRuns.secret("REDIS_PASSWORD", "redis-password"))))
        .contains("PONG").contains("NOAUTH");
    assertThat(pods.run("minio-login", "docker.io/minio/mc:RELEASE.2024-01-31T08-59-40Z", """
        export MC_CONFIG_DIR=/tmp/mc
        mc alias set im http://im-minio:9000 "$MINIO_ACCESS_KEY" "$MINIO_SECRET_KEY" > /dev/null && echo logged-in
        mc alias set bad http://im-minio:9000 "$MINIO_ACCESS_KEY" wrong-secret-key > /dev/null 2>&1 || echo refused
        """, List.of(PodRuns.secret("MINIO_ACCESS_KEY", "minio-access-key"),
            PodRuns.secret("MINIO_SECRET_KEY", "minio-secret-key"))))
        .contains("logged-in").contains("refused");
    assertThat(pods.run("etcd-health", PodRuns.BUSYBOX, "wget -qO- http://im-etcd:2379/health", List.of()))
        .contains("\"health\":\"true\"");
  }

  @Test
  @Order(12)
  @DisplayName("each runs as the user versions.yaml records, on a read-only root filesystem, and owns what it wrote to its volume")
  void runAsCatalogUsers() throws Exception {
    CoreV1Api core = new CoreV1Api(cluster.newAdminClient());
    // the programs as the node's /proc shows them: the uid each runs as, and its root mount
    Map<String, String> programs = Map.of("im-redis", "redis-server", "im-minio", "minio", "im-etcd", "etcd",
        "im-kafka", "kafka.Kafka");
    List<String> problems = new ArrayList<>();
    for (String sts : RealDependencies.NAMES) {
      Manifest rendered = plan.find("StatefulSet", sts).orElseThrow();
      String image = (String) container(pod(rendered)).get("image");
      int uid = VersionCatalog.builtIn().imageFacts(image).orElseThrow().runAsUser();
      String podUid = core.readNamespacedPod(sts + "-0", ns).execute().getMetadata().getUid();
      List<HostProcess> found = HostProcess.named(programs.get(sts), podUid);
      if (found.isEmpty()) {
        problems.add(sts + ": no process " + programs.get(sts) + " on the node");
      }
      for (HostProcess process : found) {
        if (process.uid() != uid) {
          problems.add(sts + ": " + process + " runs as uid " + process.uid() + ", not " + uid);
        }
        if (!process.rootReadOnly()) {
          problems.add(sts + ": " + process + " has a writable root filesystem");
        }
      }
      V1PersistentVolumeClaim claim = core.readNamespacedPersistentVolumeClaim("data-" + sts + "-0", ns).execute();
      Path volume = Path.of(core.readPersistentVolume(claim.getSpec().getVolumeName()).execute().getSpec().getLocal().getPath());
      Set<Integer> owners;
      try (Stream<Path> files = Files.walk(volume)) {
        owners = files.filter(f -> !f.equals(volume)).map(RealPodsIT::owner).collect(Collectors.toSet());
      }
      if (!owners.equals(Set.of(uid))) {
        problems.add(sts + ": the files on its volume " + volume + " are owned by " + owners + ", not only by " + uid);
      }
    }
    assertThat(problems).isEmpty();
    // the same securityContext in a pod of its own: / refuses a write, the emptyDirs take one
    String probe = pods.runLike("probe", plan.find("StatefulSet", "im-kafka").orElseThrow(), """
        id -u
        touch /probe 2>&1 || true
        touch /tmp/probe /opt/bitnami/kafka/logs/probe /opt/bitnami/kafka/config/probe && echo emptyDirs-written
        """);
    assertThat(probe).contains("1001\n").contains("Read-only file system").contains("emptyDirs-written");
  }

  private static int owner(Path file) {
    try {
      return (Integer) Files.getAttribute(file, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> pod(Manifest workload) {
    return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) workload.body().get("spec"))
        .get("template")).get("spec");
  }

  @Test
  @Order(20)
  @DisplayName("Redis keeps its data on its volume across a pod restart")
  void dataSurvivesRestart() throws Exception {
    List<Map<String, Object>> password = List.of(PodRuns.secret("REDISCLI_AUTH", "redis-password"));
    assertThat(pods.run("redis-set", "docker.io/library/redis:7.0.0",
        "redis-cli -e -h im-redis SET survives restart-1", password)).contains("OK");
    pods.restart("im-redis-0", ROLLOUT);
    assertThat(pods.run("redis-get", "docker.io/library/redis:7.0.0",
        PodRuns.reachable("im-redis/6379") + "redis-cli -e -h im-redis GET survives", password)).contains("restart-1");
  }

  @Test
  @Order(30)
  @DisplayName("the rollout waiter names a real CrashLoopBackOff and a real ImagePullBackOff")
  void realFailures() throws Exception {
    Manifest crashing = variant("im-redis", "crash", pod -> container(pod).put("args",
        List.of("redis-server", "--no-such-option", "yes")));
    Manifest unpullable = variant("im-etcd", "nopull", pod -> container(pod).put("image",
        "127.0.0.1:1/openim-deploy/missing:v1"));
    applier.apply(crashing, Map.of());
    applier.apply(unpullable, Map.of());
    // kubelet backs off 10 s after the first failure of each, then longer: the waiter is asked
    // while the back-off lasts
    pods.awaitWaiting("crash-0", "CrashLoopBackOff", Duration.ofSeconds(60));
    assertThatThrownBy(() -> waiter.await(ObjectRef.of(crashing), Duration.ofSeconds(2)))
        .isInstanceOf(RolloutException.class)
        .hasMessageContaining("StatefulSet/" + ns + "/crash")
        .hasMessageContaining("CrashLoopBackOff");

    pods.awaitWaiting("nopull-0", "ImagePullBackOff", Duration.ofSeconds(60));
    assertThatThrownBy(() -> waiter.await(ObjectRef.of(unpullable), Duration.ofSeconds(2)))
        .isInstanceOf(RolloutException.class)
        .hasMessageContaining("StatefulSet/" + ns + "/nopull")
        .hasMessageContaining("ImagePullBackOff");
  }

  @Test
  @Order(40)
  @DisplayName("the backup Job's MinIO step and the restore Job's MinIO and Redis steps round-trip the same bytes")
  void backupRestoreRoundTrip() throws Exception {
    List<Map<String, Object>> minio = List.of(
        PodRuns.secret("MINIO_ACCESS_KEY", "minio-access-key"), PodRuns.secret("MINIO_SECRET_KEY", "minio-secret-key"));
    String seeded = pods.run("seed", "docker.io/minio/mc:RELEASE.2024-01-31T08-59-40Z", """
        export MC_CONFIG_DIR=/tmp/mc
        mc alias set im http://im-minio:9000 "$MINIO_ACCESS_KEY" "$MINIO_SECRET_KEY" > /dev/null
        mc mb --ignore-existing im/openim > /dev/null
        head -c 262144 /dev/urandom > /tmp/object
        mc cp --quiet /tmp/object im/openim/round/trip.bin > /dev/null
        sha256sum /tmp/object
        """, minio);
    String sum = seeded.strip().split("\\s+")[0];
    assertThat(sum).hasSize(64);
    pods.run("redis-seed", "docker.io/library/redis:7.0.0", "redis-cli -e -h im-redis SET cached yes",
        List.of(PodRuns.secret("REDISCLI_AUTH", "redis-password")));

    String id = "20261201-120000";
    BackupJobs jobs = new BackupJobs(new RenderContext(spec, VersionCatalog.builtIn().require(spec.version())));
    BackupTarget target = BackupTarget.volume("backups", "1Gi");
    applier.apply(jobs.targetClaim(target).orElseThrow(), Map.of());
    // the backup Job's pod as rendered, keeping the step that runs in the MinIO client image; the
    // MongoDB dump before it made the folder, which a busybox step does here
    String backupLog = pods.runJobSteps("backup", jobs.backup(id, target, jobs.release()), List.of("mirror-minio"),
        "mkdir -p \"$DIR.partial/minio/openim\"", "mv \"$DIR.partial\" \"$DIR\" && find \"$DIR\" -type f");
    assertThat(backupLog).contains("/minio/openim/round/trip.bin");

    pods.run("wipe", "docker.io/minio/mc:RELEASE.2024-01-31T08-59-40Z", """
        export MC_CONFIG_DIR=/tmp/mc
        mc alias set im http://im-minio:9000 "$MINIO_ACCESS_KEY" "$MINIO_SECRET_KEY" > /dev/null
        mc rb --force im/openim > /dev/null && echo wiped
        """, minio);
    pods.runJobSteps("restore", jobs.restore(id, "r1", target), List.of("restore-minio", "empty-redis"),
        "true", "echo restored");

    String restored = pods.run("check", "docker.io/minio/mc:RELEASE.2024-01-31T08-59-40Z", """
        export MC_CONFIG_DIR=/tmp/mc
        mc alias set im http://im-minio:9000 "$MINIO_ACCESS_KEY" "$MINIO_SECRET_KEY" > /dev/null
        mc cat im/openim/round/trip.bin | sha256sum
        """, minio);
    assertThat(restored.strip().split("\\s+")[0]).isEqualTo(sum);
    assertThat(pods.run("redis-check", "docker.io/library/redis:7.0.0", "redis-cli -e -h im-redis EXISTS cached",
        List.of(PodRuns.secret("REDISCLI_AUTH", "redis-password")))).contains("0");
  }

  @Test
  @Order(13)
  @DisplayName("etcd refuses clients without a password; the plan's Job gives OpenIM a user for OpenIM's keys only")
  void etcdAuthentication() throws Exception {
    Manifest user = job("im-etcd-user-");
    applier.apply(user, Map.of());
    waiter.await(ObjectRef.of(user), ROLLOUT);
    // again, as after a changed spec: the Job is idempotent
    String again = pods.runJobPod("etcd-user-again", user);
    assertThat(again).contains("Role openim").contains("[openim/, openim0)").contains("[/chat/config/, /chat/config0)");
    String log = pods.run("etcd-clients", "docker.io/bitnamilegacy/etcd:3.5.13", """
        export ETCDCTL_ENDPOINTS=http://im-etcd:2379
        etcdctl put openim/x y 2>&1 || echo anonymous-refused
        etcdctl --user openIM --password wrong put openim/x y 2>&1 || echo wrong-password-refused
        export ETCDCTL_USER=openIM ETCDCTL_PASSWORD="$OPENIM_PASSWORD"
        lease=$(etcdctl lease grant 30 | awk '{ print $2 }')
        etcdctl put --lease="$lease" openim/openim-rpc-user/10.0.0.1:10320 registered && echo openim-wrote
        etcdctl get --prefix openim/openim-rpc-user/ --print-value-only
        etcdctl put /chat/config/enable-config-center disable && echo chat-config-wrote
        etcdctl put elsewhere/key v 2>&1 || echo elsewhere-refused
        etcdctl user list 2>&1 || echo user-list-refused
        """, List.of(PodRuns.secret("OPENIM_PASSWORD", "etcd-password")));
    assertThat(log).contains("anonymous-refused").contains("user name is empty")
        .contains("wrong-password-refused").contains("authentication failed")
        .contains("openim-wrote").contains("registered").contains("chat-config-wrote")
        .contains("elsewhere-refused").contains("permission denied").contains("user-list-refused");
    // etcd logs the ETCD_* variables it does not know with their values: the root password must not be one
    assertThat(pods.log("im-etcd-0")).contains("starting an etcd server")
        .doesNotContain(spec.secret(SecretKey.ETCD_ROOT_PASSWORD).reveal());
  }

  @Test
  @Order(15)
  @DisplayName("Kafka refuses clients without SASL; the plan's topics Job creates the topics over SASL/PLAIN, where a consumer group forms")
  void kafkaTopics() throws Exception {
    Manifest topics = job("im-kafka-topics-");
    applier.apply(topics, Map.of());
    waiter.await(ObjectRef.of(topics), ROLLOUT);
    String tool = "/opt/bitnami/kafka/bin/kafka-topics.sh --bootstrap-server im-kafka:9092 --command-config ";
    String described = pods.run("topics", "docker.io/bitnamilegacy/kafka:3.5.1", """
        umask 077
        jaas='org.apache.kafka.common.security.plain.PlainLoginModule required'
        printf 'security.protocol=SASL_PLAINTEXT\\nsasl.mechanism=PLAIN\\nsasl.jaas.config=%s username="openIM" password="%s";\\n' \\
          "$jaas" "$KAFKA_PASSWORD" > /tmp/openim.properties
        printf 'security.protocol=SASL_PLAINTEXT\\nsasl.mechanism=PLAIN\\nsasl.jaas.config=%s username="openIM" password="wrong";\\n' \\
          "$jaas" > /tmp/wrong.properties
        printf 'security.protocol=PLAINTEXT\\ndefault.api.timeout.ms=8000\\nrequest.timeout.ms=4000\\n' > /tmp/plain.properties
        """ + tool + """
        /tmp/wrong.properties --list 2>&1 || echo wrong-password-refused
        """ + tool + """
        /tmp/plain.properties --list 2>&1 || echo plaintext-refused
        """ + tool + """
        /tmp/openim.properties --describe
        bin=/opt/bitnami/kafka/bin
        echo hello-over-sasl | $bin/kafka-console-producer.sh --bootstrap-server im-kafka:9092 --topic toPush \\
          --producer.config /tmp/openim.properties
        $bin/kafka-console-consumer.sh --bootstrap-server im-kafka:9092 --topic toPush --group push --from-beginning \\
          --max-messages 1 --timeout-ms 60000 --consumer.config /tmp/openim.properties
        $bin/kafka-consumer-groups.sh --bootstrap-server im-kafka:9092 --command-config /tmp/openim.properties \\
          --describe --group push
        """, List.of(PodRuns.secret("KAFKA_PASSWORD", "kafka-password")));
    assertThat(described).contains("wrong-password-refused").contains("Authentication failed")
        .contains("plaintext-refused");
    // a consumer group forms over SASL, as msgtransfer's and push's do: the one broker's
    // __consumer_offsets needs the replication factor the plan gives it
    assertThat(described).contains("hello-over-sasl").containsPattern("push\\s+toPush\\s+\\d+\\s+\\d+");
    for (String topic : List.of("toRedis", "toMongo", "toPush", "toOfflinePush")) {
      assertThat(described).contains("Topic: " + topic + "\tTopicId:").contains("Topic: " + topic + "\tPartition: 7");
    }
  }

  private Manifest job(String prefix) {
    return plan.manifests().stream()
        .filter(m -> m.kind().equals("Job") && m.name().startsWith(prefix)).findFirst().orElseThrow();
  }

  @Test
  @Order(50)
  @DisplayName("an OpenIM pod as rendered, in an image of the released layout: runs as the catalog's user, reads"
      + " its config and binary, cannot write the image, writes the log folder of a log.yml of the spec's own")
  void openImReleasedLayout() throws Exception {
    DeploymentSpec logging = spec.toBuilder()
        .configFile("server/log.yml", "storageLocation: ../../../../logs/\nisStdout: true\n").build();
    DeploymentPlan logged;
    try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig()).build()) {
      logged = deployer.plan(logging);
    }
    applier.apply(logged.find("ConfigMap", "im-config").orElseThrow(), Map.of());
    String home = VersionCatalog.builtIn().defaultLine().server().home();
    String out = pods.runLike("openim-layout", logged.find("Deployment", "im-api").orElseThrow(), """
        id -u
        grep -q '^storageLocation: ../../../../logs/' %1$s/config/log.yml && cat %1$s/config/share.yml > /dev/null \
          && echo config-read
        %1$s/_output/bin/platforms/linux/amd64/openim-api
        touch %1$s/written 2>&1 || true
        touch /logs/openim-service-log.probe && echo log-folder-written
        """.formatted(home));
    assertThat(out).startsWith(VersionCatalog.builtIn().imageFacts(LINE_SERVER_IMAGE).orElseThrow().runAsUser() + "\n")
        .contains("config-read", "stand-in openim-api ran", "Read-only file system", "log-folder-written");
  }

  /**
   * The server image in the released layout (open-im-server@v3.8.3-patch.15 Dockerfile: WORKDIR
   * /openim-server, _output and config copied in root-owned with the build's modes, binaries 0755 and
   * config 0644), the release's own config files from the fixtures, and a stand-in shell script for
   * the openim-api binary: what a run of OpenIM's real binaries in the rendered pod found (they start
   * as 65532 on the read-only root, read their config and write nothing else) checked with no OpenIM binary.
   */
  private static ImageArchive openImLayout() throws java.io.IOException {
    var release = VersionCatalog.builtIn().defaultLine().server();
    ContainerImage.Builder image = ContainerImage.builder(release.image()).busybox()
        .directory(release.home(), 0755, 0, 0)
        .text("#!/bin/sh\necho stand-in openim-api ran\n",
            release.home() + "/_output/bin/platforms/linux/amd64/openim-api", 0755)
        .workdir(release.home());
    try (Stream<Path> files = Files.list(Fixtures.path("open-im-server/" + release.version() + "/config"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        image.file(file, release.configFolder() + file.getFileName(), 0644);
      }
    }
    return image.build().archive();
  }

  /** A copy of one of the plan's StatefulSets under another name, with no volumes, changed by {@code change}. */
  @SuppressWarnings("unchecked")
  private Manifest variant(String from, String name, java.util.function.Consumer<Map<String, Object>> change) {
    Manifest original = plan.manifests().stream()
        .filter(m -> m.kind().equals("StatefulSet") && m.name().equals(from)).findFirst().orElseThrow();
    Gson gson = new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();
    Map<String, Object> body = gson.fromJson(gson.toJson(original.body()), new TypeToken<Map<String, Object>>() {}.getType());
    ((Map<String, Object>) body.get("metadata")).put("name", name);
    Map<String, Object> stsSpec = (Map<String, Object>) body.get("spec");
    stsSpec.remove("volumeClaimTemplates");
    Map<String, Object> labels = Map.of("app.kubernetes.io/name", name);
    stsSpec.put("selector", Map.of("matchLabels", labels));
    Map<String, Object> template = (Map<String, Object>) stsSpec.get("template");
    ((Map<String, Object>) template.get("metadata")).put("labels", labels);
    Map<String, Object> pod = (Map<String, Object>) template.get("spec");
    container(pod).remove("volumeMounts");
    change.accept(pod);
    return new Manifest(Phase.DEPENDENCIES, "apps/v1", "StatefulSet", ns, name, body);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> container(Map<String, Object> pod) {
    return ((List<Map<String, Object>>) pod.get("containers")).get(0);
  }
}
