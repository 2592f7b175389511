/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test images as containerd 1.6 sees them: each archive is imported into a private containerd
 * under its exact reference and run with runc in a network namespace of its own (no --net-host),
 * through the image's own entrypoint where the plan relies on it.
 */
@DisplayName("TestImages in a private containerd")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestImagesIT {
  private static final AtomicInteger IDS = new AtomicInteger();
  private PrivateContainerd containerd;

  @BeforeAll
  void start() throws Exception {
    String whyNot = PrivateContainerd.whyNot();
    Assumptions.assumeTrue(whyNot == null, () -> "skipped: " + whyNot);
    containerd = new PrivateContainerd();
  }

  @AfterAll
  void stop() throws Exception {
    if (containerd != null) {
      containerd.close();
    }
  }

  private void imported(ImageArchive archive) throws Exception {
    assertThat(containerd.ctr("images", "import", archive.file().toString()))
        .contains("unpacking " + archive.reference() + " (" + archive.digest() + ")");
    String list = containerd.ctr("images", "ls");
    assertThat(list.lines().filter(l -> l.startsWith(archive.reference() + " ")))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains(archive.digest())
        .contains("linux/amd64");
  }

  private static String id(String name) {
    return name + "-" + ProcessHandle.current().pid() + "-" + IDS.incrementAndGet();
  }

  @Test
  @DisplayName("redis: redis-server runs; started by the image's entrypoint and command it drops root to redis 999:999 in /data")
  void redis() throws Exception {
    ImageArchive archive = TestImages.redis();
    imported(archive);
    assertThat(containerd.run(archive.reference(), id("redis-version"), "redis-server", "--version"))
        .satisfies(r -> assertThat(r.exit()).as(r.output()).isZero())
        .extracting(PrivateContainerd.Result::output).asString().startsWith("Redis server v=7.0.");

    String id = id("redis");
    List<String> run = new ArrayList<>(List.of("run", "-d"));
    run.addAll(containerd.runOptions(id));
    run.add(archive.reference());
    run.add(id);
    containerd.ctr(run.toArray(String[]::new)); // no command: the image's entrypoint and cmd
    String status = Eventually.await(Duration.ofSeconds(20), "redis-server as pid 1",
        () -> containerd.ctrQuietly("task", "exec", "--fifo-dir", containerd.dir.resolve("fifo").toString(),
            "--exec-id", "status" + IDS.incrementAndGet(), id, "sh", "-c",
            "tr '\\0' ' ' < /proc/1/cmdline; echo; grep -E '^(Uid|Gid)' /proc/1/status; stat -c '%u:%g' /data; pwd").output(),
        out -> out.startsWith("redis-server"));
    assertThat(status).contains("Uid:\t999\t999\t999\t999").contains("Gid:\t999\t999\t999\t999")
        .contains("999:999\n").endsWith("/data\n");
    assertThat(containerd.shimSocket(id)).as("the shim socket where containerd 1.6 puts it").exists();
    containerd.ctr("task", "kill", "-s", "SIGKILL", id);
    Eventually.await(Duration.ofSeconds(20), "the redis task stopped",
        () -> containerd.ctr("task", "ls"), out -> !out.contains(id + " ") || out.contains("STOPPED"));
  }

  @Test
  @DisplayName("etcd: etcd 3.5.13 runs as 1001 in /opt/bitnami/etcd; run.sh refuses to start without a root password"
      + " unless ALLOW_NONE_AUTHENTICATION, and with one turns authentication on for user root")
  void etcd() throws Exception {
    ImageArchive archive = TestImages.etcd();
    imported(archive);
    PrivateContainerd.Result version = containerd.run(archive.reference(), id("etcd-version"), "etcd", "--version");
    assertThat(version.exit()).as(version.output()).isZero();
    assertThat(version.output()).startsWith("etcd Version: 3.5.13");
    PrivateContainerd.Result ctl = containerd.run(archive.reference(), id("etcdctl-version"), "etcdctl", "version");
    assertThat(ctl.output()).startsWith("etcdctl version: 3.5.13");
    PrivateContainerd.Result who = containerd.run(archive.reference(), id("etcd-who"), "sh", "-c", "id -u; pwd");
    assertThat(who.output()).isEqualTo("1001\n/opt/bitnami/etcd\n");
    PrivateContainerd.Result refused = containerd.run(archive.reference(), id("etcd-run"),
        "/opt/bitnami/scripts/etcd/entrypoint.sh", "/opt/bitnami/scripts/etcd/run.sh");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.output()).contains("ALLOW_NONE_AUTHENTICATION=yes");

    // the image's entrypoint and run.sh in the background, a client in the same container; the
    // container has no /etc/hosts (a pod has kubelet's), so the peer URLs name 127.0.0.1, not localhost
    PrivateContainerd.Result auth = containerd.run(archive.reference(), id("etcd-auth"), "sh", "-c", """
        export ETCD_ROOT_PASSWORD=root-pass-0123456789 ETCD_NAME=etcd-0 ETCD_LISTEN_CLIENT_URLS=http://0.0.0.0:2379 \\
          ETCD_ADVERTISE_CLIENT_URLS=http://127.0.0.1:2379 ETCD_LISTEN_PEER_URLS=http://127.0.0.1:2380 \\
          ETCD_INITIAL_ADVERTISE_PEER_URLS=http://127.0.0.1:2380 ETCD_INITIAL_CLUSTER=etcd-0=http://127.0.0.1:2380
        /opt/bitnami/scripts/etcd/entrypoint.sh /opt/bitnami/scripts/etcd/run.sh > /tmp/etcd.log 2>&1 &
        started=$!
        tries=0
        until etcdctl --dial-timeout=1s --command-timeout=1s --user root --password root-pass-0123456789 auth status \\
            2> /dev/null | grep -q 'Status: true'; do
          tries=$((tries + 1))
          if [ "$tries" -gt 60 ] || ! kill -0 "$started" 2> /dev/null; then
            echo never-authenticated; cat /tmp/etcd.log; exit 1
          fi
          sleep 0.5
        done
        echo auth-on
        etcdctl put k v 2>&1 || true
        etcdctl --user root --password root-pass-0123456789 put k v
        echo "password in etcd's log: $(grep -c root-pass-0123456789 /tmp/etcd.log)"
        """);
    assertThat(auth.output()).as(auth.output()).contains("auth-on").contains("user name is empty").contains("OK\n")
        .contains("password in etcd's log: 0");
  }

  @Test
  @DisplayName("minio: minio and mc run; the entrypoint puts minio before other arguments")
  void minio() throws Exception {
    ImageArchive archive = TestImages.minio();
    imported(archive);
    PrivateContainerd.Result version = containerd.run(archive.reference(), id("minio-version"),
        "/usr/bin/docker-entrypoint.sh", "--version");
    assertThat(version.exit()).as(version.output()).isZero();
    assertThat(version.output()).startsWith("minio version DEVELOPMENT.2026-02-12T20-18-48Z");
    PrivateContainerd.Result mc = containerd.run(archive.reference(), id("minio-mc"), "mc", "--version");
    assertThat(mc.output()).startsWith("mc version ");
  }

  @Test
  @DisplayName("mc: mc runs, and sh for the backup Jobs' commands")
  void mc() throws Exception {
    ImageArchive archive = TestImages.mc();
    imported(archive);
    PrivateContainerd.Result version = containerd.run(archive.reference(), id("mc-version"), "mc", "--version");
    assertThat(version.exit()).as(version.output()).isZero();
    assertThat(version.output()).startsWith("mc version DEVELOPMENT.2025-03-13T08-02-18Z");
    PrivateContainerd.Result shell = containerd.run(archive.reference(), id("mc-sh"), "sh", "-c",
        "mc --version >/dev/null && id -u && cat /proc/net/dev | tail -n +3 | cut -d: -f1 | tr -d ' '");
    assertThat(shell.output()).as("root, and only lo: no host network").isEqualTo("0\nlo\n");
  }

  @Test
  @DisplayName("kafka: the image's entrypoint writes server.properties from KAFKA_CFG_*, formats KRaft storage, and the broker serves kafka-topics.sh")
  void kafka() throws Exception {
    ImageArchive archive = TestImages.kafka();
    imported(archive);
    PrivateContainerd.Result version = containerd.run(archive.reference(), id("kafka-version"),
        "/opt/bitnami/kafka/bin/kafka-topics.sh", "--version");
    assertThat(version.exit()).as(version.output()).isZero();
    assertThat(version.output()).startsWith("3.5.1");

    String id = id("kafka");
    List<String> run = new ArrayList<>(List.of("run", "-d"));
    run.addAll(containerd.runOptions(id));
    // the plan's variables (DependencyWorkloads), with localhost for the pod's DNS name
    for (String variable : List.of("KAFKA_HEAP_OPTS=-Xmx512m -Xms256m", "KAFKA_CFG_NODE_ID=0",
        "KAFKA_CFG_PROCESS_ROLES=controller,broker", "KAFKA_CFG_CONTROLLER_QUORUM_VOTERS=0@localhost:9093",
        "KAFKA_CFG_CONTROLLER_LISTENER_NAMES=CONTROLLER", "KAFKA_CFG_LISTENERS=CLIENT://:9092,CONTROLLER://:9093",
        "KAFKA_CFG_ADVERTISED_LISTENERS=CLIENT://localhost:9092",
        "KAFKA_CFG_LISTENER_SECURITY_PROTOCOL_MAP=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
        "KAFKA_CFG_INTER_BROKER_LISTENER_NAME=CLIENT", "KAFKA_CFG_SASL_ENABLED_MECHANISMS=PLAIN",
        "KAFKA_CFG_SASL_MECHANISM_INTER_BROKER_PROTOCOL=PLAIN", "KAFKA_CFG_SASL_MECHANISM_CONTROLLER_PROTOCOL=PLAIN",
        "KAFKA_CLIENT_USERS=openIM", "KAFKA_CLIENT_PASSWORDS=client-pass-0123", "KAFKA_INTER_BROKER_USER=broker",
        "KAFKA_INTER_BROKER_PASSWORD=broker-pass-0123", "KAFKA_CONTROLLER_USER=broker",
        "KAFKA_CONTROLLER_PASSWORD=broker-pass-0123", "KAFKA_CFG_AUTO_CREATE_TOPICS_ENABLE=false",
        "KAFKA_CFG_NUM_PARTITIONS=2")) {
      run.add("--env");
      run.add(variable);
    }
    run.add(archive.reference());
    run.add(id);
    containerd.ctr(run.toArray(String[]::new)); // no command: the image's entrypoint and cmd
    String tool = "/opt/bitnami/kafka/bin/kafka-topics.sh --bootstrap-server localhost:9092 --command-config /tmp/c";
    String client = "printf 'security.protocol=SASL_PLAINTEXT\\nsasl.mechanism=PLAIN\\nsasl.jaas.config="
        + "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"openIM\" password=\"%s\";\\n' ";
    String described = Eventually.await(Duration.ofSeconds(120), "the broker creating a topic over SASL",
        () -> exec(id, client + "client-pass-0123 > /tmp/c && " + tool
            + " --create --if-not-exists --topic probe --partitions 2 --replication-factor 1 && "
            + tool + " --describe --topic probe; id -u; grep -c = /opt/bitnami/kafka/config/server.properties"),
        out -> out.contains("Partition: 1"));
    assertThat(described).contains("Topic: probe").contains("Partition: 0").contains("\n1001\n");
    assertThat(exec(id, client + "wrong > /tmp/c && " + tool + " --list 2>&1"))
        .contains("Authentication failed");
  }

  private String exec(String id, String script) throws Exception {
    return containerd.ctrQuietly("task", "exec", "--fifo-dir", containerd.dir.resolve("fifo").toString(),
        "--exec-id", "exec" + IDS.incrementAndGet(), id, "sh", "-c", script).output();
  }

  @Test
  @DisplayName("pause: the given static binary is the entrypoint /pause, run as 65535")
  void pause(@TempDir Path temp) throws Exception {
    Path pause = standInPause(temp);
    ImageArchive archive = TestImages.pause(pause);
    imported(archive);
    PrivateContainerd.Result run = containerd.run(archive.reference(), id("pause"));
    assertThat(run.output()).as("no command: the image's entrypoint and user").isEqualTo("pause stand-in uid=65535 gid=65535\n");
  }

  /** A static Go program that says who runs it, standing in for the pause binary. */
  private static Path standInPause(Path temp) throws Exception {
    Files.writeString(temp.resolve("go.mod"), "module local/pause\n\ngo 1.22\n");
    Files.writeString(temp.resolve("main.go"), String.join("\n",
        "package main",
        "import (\"fmt\"; \"os\")",
        "func main() { fmt.Printf(\"pause stand-in uid=%d gid=%d\\n\", os.Getuid(), os.Getgid()) }", ""));
    ProcessBuilder build = new ProcessBuilder("go", "build", "-trimpath", "-o", "pause", ".").directory(temp.toFile())
        .redirectErrorStream(true);
    build.environment().put("CGO_ENABLED", "0");
    Process process = build.start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    Assumptions.assumeTrue(process.waitFor() == 0, () -> "skipped: no Go to build a static stand-in pause: " + output);
    return temp.resolve("pause");
  }
}
