/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import io.openim.deploy.local.internal.Resources;
import java.nio.file.Path;
import java.util.Map;

/**
 * Stand-ins for the images openim-deploy's plan runs, built on this machine (see {@link
 * ContainerImage}) under the references the plan names, with the entrypoint, command, user and
 * working folder the real images have (openim-deploy-core's {@code versions.yaml}, {@code
 * imageFacts}), so that a pod rendered by the plan, which sets arguments and sometimes no command,
 * behaves as with the real image. The programs come from Debian bookworm or the Go module proxy;
 * the entrypoint scripts are our own, and each method says what differs from the real image.
 *
 * <p>Each method builds its image into the cache of {@link ContainerImage} the first time (minutes)
 * and returns the cached archive afterwards (milliseconds), progress to slf4j at INFO.
 *
 * @since 0.1
 */
public final class TestImages {
  /** The Debian program folders, as in the real Debian-based images. */
  private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private TestImages() {}

  /**
   * {@code docker.io/library/redis:7.0.0}: Debian bookworm's {@code redis-server}, which is 7.0.15,
   * not 7.0.0. As in docker-library/redis: user and group {@code redis} with uid and gid 999, {@code
   * WORKDIR /data}, {@code ENTRYPOINT ["docker-entrypoint.sh"]} ({@code
   * /usr/local/bin/docker-entrypoint.sh}), {@code CMD ["redis-server"]}, no {@code USER}. The
   * entrypoint is our own script: it hands the data folder to redis and drops root to 999:999 with
   * {@code setpriv} (util-linux) for {@code redis-server}, where the real one uses gosu.
   */
  public static ImageArchive redis() {
    return redisRecipe().archive();
  }

  static ContainerImage redisRecipe() {
    return ContainerImage.builder("docker.io/library/redis:7.0.0")
        .account("redis", 999, 999)
        .debianPackages("redis-server")
        .directory("/data", 0755, 999, 999)
        .text(resource("redis-entrypoint.sh"), "/usr/local/bin/docker-entrypoint.sh", 0755)
        .entrypoint("docker-entrypoint.sh")
        .cmd("redis-server")
        .workdir("/data")
        .build();
  }

  /**
   * {@code docker.io/bitnamilegacy/etcd:3.5.13}: etcd built from {@code go.etcd.io/etcd/server/v3}
   * v3.5.13 (which the Go module proxy serves) at {@code /opt/bitnami/etcd/bin/etcd} on Debian
   * bookworm (minbase with {@code ca-certificates} and {@code procps}), as Bitnami's image is
   * Debian 12 based. As Bitnami's: {@code USER 1001}, {@code WORKDIR /opt/bitnami/etcd}, {@code
   * ENTRYPOINT ["/opt/bitnami/scripts/etcd/entrypoint.sh"]}, {@code CMD
   * ["/opt/bitnami/scripts/etcd/run.sh"]}, {@code /bitnami/etcd} writable by 1001, and etcdctl
   * from {@code go.etcd.io/etcd/etcdctl/v3} v3.5.13 at {@code /opt/bitnami/etcd/bin/etcdctl}. Both
   * scripts are our own: run.sh refuses to start without {@code ETCD_ROOT_PASSWORD} unless {@code
   * ALLOW_NONE_AUTHENTICATION=yes}; with a root password it turns authentication on the first time
   * as Bitnami's does (user {@code root} with role {@code root}, then {@code auth enable}) and then
   * executes etcd, which reads the {@code ETCD_*} variables itself.
   */
  public static ImageArchive etcd() {
    return etcdRecipe().archive();
  }

  static ContainerImage etcdRecipe() {
    return ContainerImage.builder("docker.io/bitnamilegacy/etcd:3.5.13")
        .debianPackages("ca-certificates", "procps")
        .goBinary("go.etcd.io/etcd/server/v3", "v3.5.13", "/opt/bitnami/etcd/bin/etcd")
        .goBinary("go.etcd.io/etcd/etcdctl/v3", "v3.5.13", "/opt/bitnami/etcd/bin/etcdctl")
        .directory("/opt/bitnami/etcd", 0775, 1001, 0)
        .directory("/bitnami/etcd", 0775, 1001, 0)
        .text(resource("etcd-entrypoint.sh"), "/opt/bitnami/scripts/etcd/entrypoint.sh", 0755)
        .text(resource("etcd-run.sh"), "/opt/bitnami/scripts/etcd/run.sh", 0755)
        .env("PATH", "/opt/bitnami/common/bin:/opt/bitnami/etcd/bin:" + PATH)
        .env("HOME", "/")
        .env("BITNAMI_APP_NAME", "etcd")
        .env("ETCDCTL_API", "3")
        .entrypoint("/opt/bitnami/scripts/etcd/entrypoint.sh")
        .cmd("/opt/bitnami/scripts/etcd/run.sh")
        .user("1001")
        .workdir("/opt/bitnami/etcd")
        .build();
  }

  // The release commits are minio/minio 099e88516dd6 (RELEASE.2024-01-11T07-46-16Z) and minio/mc
  // 62b12a277082 (RELEASE.2024-01-31T08-59-40Z). The Go module proxy this was written against
  // refuses both (403 "This module version is not available", for the commits and their
  // pseudo-versions) and lists one version of each module, the closest it serves; that is what is
  // built, with minio's and mc's own -X version variables and a DEVELOPMENT release tag, as their
  // buildscripts/gen-ldflags.go set for a build that is not a release.
  private static final String MINIO_VERSION = "v0.0.0-20260212201848-7aac2a2c5b7c";
  private static final String MC_VERSION = "v0.0.0-20250313080218-cf909e1063a9";

  /**
   * {@code docker.io/minio/minio:RELEASE.2024-01-11T07-46-16Z}: {@code github.com/minio/minio} at
   * {@value #MINIO_VERSION} (2026-02-12; the only version the Go module proxy serves, the release's
   * own commit 099e88516dd6 is refused) at {@code /usr/bin/minio}, and {@link #mc()}'s {@code
   * /usr/bin/mc}, over Debian's static busybox where the real image has ubi9-micro. As the real
   * one: no {@code USER}, {@code ENTRYPOINT ["/usr/bin/docker-entrypoint.sh"]}, {@code CMD
   * ["minio"]}. The entrypoint is our own script that puts {@code minio} before arguments that do
   * not start with it.
   */
  public static ImageArchive minio() {
    return minioRecipe().archive();
  }

  static ContainerImage minioRecipe() {
    return ContainerImage.builder("docker.io/minio/minio:RELEASE.2024-01-11T07-46-16Z")
        .busybox()
        .goBinary("github.com/minio/minio", MINIO_VERSION, "/usr/bin/minio",
            version("github.com/minio/minio/cmd", "2026-02-12T20:18:48Z", "7aac2a2c5b7c882e68c1ce017d8256be2feea27f"))
        .goBinary("github.com/minio/mc", MC_VERSION, "/usr/bin/mc", mcVersion())
        .text(resource("minio-entrypoint.sh"), "/usr/bin/docker-entrypoint.sh", 0755)
        .env("PATH", "/opt/bin:" + PATH)
        .entrypoint("/usr/bin/docker-entrypoint.sh")
        .cmd("minio")
        .build();
  }

  /**
   * {@code docker.io/minio/mc:RELEASE.2024-01-31T08-59-40Z}: {@code github.com/minio/mc} at
   * {@value #MC_VERSION} (2025-03-13; the only version the Go module proxy serves, the release's
   * own commit 62b12a277082 is refused) at {@code /usr/bin/mc}, over Debian's static busybox (so
   * {@code sh} is there, as the backup Jobs need). As the real one: no {@code USER}, {@code
   * ENTRYPOINT ["mc"]}, no {@code CMD}.
   */
  public static ImageArchive mc() {
    return mcRecipe().archive();
  }

  static ContainerImage mcRecipe() {
    return ContainerImage.builder("docker.io/minio/mc:RELEASE.2024-01-31T08-59-40Z")
        .busybox()
        .goBinary("github.com/minio/mc", MC_VERSION, "/usr/bin/mc", mcVersion())
        .entrypoint("mc")
        .build();
  }

  /**
   * {@code docker.io/bitnamilegacy/kafka:3.5.1}: Apache Kafka {@code kafka_2.13:3.5.1} and its
   * runtime dependencies (with {@code slf4j-reload4j} for its logs) from Maven Central in {@code
   * /opt/bitnami/kafka/libs}, on Debian bookworm's {@code openjdk-17-jre-headless} (Bitnami's has its
   * own JDK 17 in /opt/bitnami/java). As Bitnami's: {@code USER 1001}, {@code WORKDIR /}, {@code
   * ENTRYPOINT ["/opt/bitnami/scripts/kafka/entrypoint.sh"]}, {@code CMD
   * ["/opt/bitnami/scripts/kafka/run.sh"]}, {@code /bitnami/kafka} writable by 1001. Everything in
   * {@code /opt/bitnami/kafka/bin} ({@code kafka-topics.sh}, {@code kafka-configs.sh}, {@code
   * kafka-consumer-groups.sh}, {@code kafka-console-producer.sh}, {@code kafka-console-consumer.sh},
   * {@code kafka-storage.sh}, {@code kafka-server-start.sh}, {@code
   * kafka-run-class.sh}) and the entrypoint, setup and run scripts are our own: setup turns {@code
   * KAFKA_CFG_*} into {@code server.properties} in {@code /opt/bitnami/kafka/config}, writes the
   * SASL/PLAIN JAAS lines of each SASL listener from {@code KAFKA_CLIENT_USERS}/{@code
   * KAFKA_CLIENT_PASSWORDS}, {@code KAFKA_INTER_BROKER_USER}/{@code _PASSWORD} and {@code
   * KAFKA_CONTROLLER_USER}/{@code _PASSWORD} as Bitnami's does, and formats KRaft storage; the broker
   * logs to the console and, as Kafka's own log4j.properties, to {@code
   * /opt/bitnami/kafka/logs/server.log}, so under a read-only root filesystem it writes where the
   * real image writes. Bitnami's other validation, SCRAM, TLS and ZooKeeper mode are left out (the
   * setup refuses a SASL mechanism other than PLAIN).
   */
  public static ImageArchive kafka() {
    return kafkaRecipe().archive();
  }

  static ContainerImage kafkaRecipe() {
    String bin = "/opt/bitnami/kafka/bin/";
    String tool = resource("kafka-tool.sh");
    return ContainerImage.builder("docker.io/bitnamilegacy/kafka:3.5.1")
        .debianPackages("openjdk-17-jre-headless")
        .mavenArtifacts("/opt/bitnami/kafka/libs", "org.apache.kafka:kafka_2.13:3.5.1", "org.slf4j:slf4j-reload4j:1.7.36")
        .text(resource("kafka-run-class.sh"), bin + "kafka-run-class.sh", 0755)
        .text(tool, bin + "kafka-topics.sh", 0755)
        .text(tool, bin + "kafka-configs.sh", 0755)
        .text(tool, bin + "kafka-consumer-groups.sh", 0755)
        .text(tool, bin + "kafka-console-producer.sh", 0755)
        .text(tool, bin + "kafka-console-consumer.sh", 0755)
        .text(tool, bin + "kafka-storage.sh", 0755)
        .text(tool, bin + "kafka-server-start.sh", 0755)
        .directory("/opt/bitnami/kafka/config", 0775, 1001, 0)
        .text(resource("kafka-log4j.properties"), "/opt/bitnami/kafka/config/log4j.properties", 0644)
        .text(resource("kafka-tools-log4j.properties"), "/opt/bitnami/kafka/config/tools-log4j.properties", 0644)
        .directory("/opt/bitnami/kafka/logs", 0775, 1001, 0)
        .directory("/bitnami/kafka", 0775, 1001, 0)
        .text(resource("kafka-entrypoint.sh"), "/opt/bitnami/scripts/kafka/entrypoint.sh", 0755)
        .text(resource("kafka-setup.sh"), "/opt/bitnami/scripts/kafka/setup.sh", 0755)
        .text(resource("kafka-run.sh"), "/opt/bitnami/scripts/kafka/run.sh", 0755)
        .env("PATH", "/opt/bitnami/common/bin:/opt/bitnami/kafka/bin:" + PATH)
        .env("HOME", "/")
        .env("BITNAMI_APP_NAME", "kafka")
        .entrypoint("/opt/bitnami/scripts/kafka/entrypoint.sh")
        .cmd("/opt/bitnami/scripts/kafka/run.sh")
        .user("1001")
        .workdir("/")
        .build();
  }

  /**
   * {@code registry.k8s.io/pause:3.10.2}: only {@code pauseBinary} (a static program of this
   * machine) at {@code /pause}, {@code ENTRYPOINT ["/pause"]}, {@code USER 65535:65535}, as the real
   * image.
   */
  public static ImageArchive pause(Path pauseBinary) {
    return pauseRecipe(pauseBinary).archive();
  }

  static ContainerImage pauseRecipe(Path pauseBinary) {
    return ContainerImage.builder("registry.k8s.io/pause:3.10.2")
        .file(pauseBinary, "/pause", 0755)
        .entrypoint("/pause")
        .user("65535:65535")
        .build();
  }

  private static Map<String, String> mcVersion() {
    return version("github.com/minio/mc/cmd", "2025-03-13T08:02:18Z", "cf909e1063a9a0aea7926378b0c416ed0eea7742");
  }

  private static Map<String, String> version(String pkg, String time, String commit) {
    return Map.of(
        pkg + ".Version", time,
        pkg + ".ReleaseTag", "DEVELOPMENT." + time.replace(':', '-'),
        pkg + ".CommitID", commit,
        pkg + ".ShortCommitID", commit.substring(0, 12),
        pkg + ".CopyrightYear", time.substring(0, 4));
  }

  private static String resource(String name) {
    return Resources.text("/io/openim/deploy/local/images/" + name);
  }
}
