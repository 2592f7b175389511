/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every credential a deployment may need. Each one the spec uses is generated at random unless
 * given, and lands in one Kubernetes Secret under {@link #secretKey()}. The credentials of an
 * in-cluster dependency (MongoDB's, Redis's, MinIO's, etcd's, Kafka's) are used only while that
 * dependency runs in the cluster: with it external, the spec holds none of them ({@link DeploymentSpec#uses}).
 *
 * @since 0.1
 */
public enum SecretKey {
  /** OpenIM's shared secret ({@code share.yml: secret}, chat {@code share.openIM.secret}). */
  OPENIM_SECRET("openim-secret", "openIM123", null),
  /** The chat admin token key ({@code chat-rpc-admin.yml: secret}). */
  CHAT_ADMIN_SECRET("chat-admin-secret", "chat123", null),
  /**
   * The chat verification bypass code ({@code chat-rpc-chat.yml: verifyCode.superCode}): without
   * SMS or mail, the only verification code chat accepts, so whoever signs up needs it.
   */
  CHAT_SUPER_CODE("chat-super-code", "666666", null),
  /**
   * The password of chat's admin account {@code chatAdmin}, which chat creates with the published
   * password md5("chatAdmin"); a Job replaces it with this one. The admin web page takes it as
   * typed; chat's admin API takes its md5 in hex.
   */
  CHAT_ADMIN_PASSWORD("chat-admin-password", "chatAdmin", null),
  /** The LiveKit API key chat signs room tokens with. */
  LIVEKIT_KEY("livekit-key", "APIGPW3gnFTzqHH", null),
  /** The LiveKit API secret chat signs room tokens with. */
  LIVEKIT_SECRET("livekit-secret", "23ztfSqsfQ8hKkHzHTl3Z4bvaxro0snjk5jwbp5p6Q3", null),
  /** The password of MongoDB's root user (in-cluster MongoDB only). */
  MONGODB_ROOT_PASSWORD("mongodb-root-password", "openIM123", DependencyKind.MONGODB),
  /** The password of OpenIM's MongoDB user (in-cluster MongoDB only). */
  MONGODB_PASSWORD("mongodb-password", "openIM123", DependencyKind.MONGODB),
  /** The Redis password (in-cluster Redis only). */
  REDIS_PASSWORD("redis-password", "openIM123", DependencyKind.REDIS),
  /** MinIO's access key id, its root user (in-cluster MinIO only). */
  MINIO_ACCESS_KEY("minio-access-key", "root", DependencyKind.MINIO),
  /** MinIO's secret access key, its root password (in-cluster MinIO only). */
  MINIO_SECRET_KEY("minio-secret-key", "openIM123", DependencyKind.MINIO),
  /**
   * The password of etcd's {@code root} user, which turns on etcd's authentication (in-cluster etcd
   * only). openim-docker's compose offers {@code openIM123} for it.
   */
  ETCD_ROOT_PASSWORD("etcd-root-password", "openIM123", DependencyKind.ETCD),
  /**
   * The password of OpenIM's etcd user {@code openIM}, whose role reaches only OpenIM's keys
   * (in-cluster etcd only). openim-docker's compose offers {@code openIM123} for it.
   */
  ETCD_PASSWORD("etcd-password", "openIM123", DependencyKind.ETCD),
  /**
   * The SASL/PLAIN password of OpenIM's Kafka user {@code openIM} (in-cluster Kafka only).
   * openim-docker's compose offers {@code openIM123} for it.
   */
  KAFKA_PASSWORD("kafka-password", "openIM123", DependencyKind.KAFKA),
  /**
   * The SASL/PLAIN password the Kafka broker uses between its own listeners (inter-broker and
   * controller; in-cluster Kafka only). The Bitnami image's default is {@code bitnami}.
   */
  KAFKA_BROKER_PASSWORD("kafka-broker-password", "bitnami", DependencyKind.KAFKA);

  private final String secretKey;
  private final String publicDefault;
  private final @Nullable DependencyKind inClusterOnly;

  SecretKey(String secretKey, String publicDefault, @Nullable DependencyKind inClusterOnly) {
    this.secretKey = secretKey;
    this.publicDefault = publicDefault;
    this.inClusterOnly = inClusterOnly;
  }

  /**
   * The dependency whose own credential this is, used only while it runs in the cluster; empty
   * for credentials every deployment uses.
   *
   * @since 0.1
   */
  public Optional<DependencyKind> inClusterOnly() {
    return Optional.ofNullable(inClusterOnly);
  }

  /** Whether a deployment with {@code dependencies} uses this credential. */
  boolean usedWith(Map<DependencyKind, Dependency> dependencies) {
    return inClusterOnly == null || dependencies.get(inClusterOnly) instanceof Dependency.InCluster;
  }

  /** The key in the Kubernetes Secret, and in spec files: {@code mongodb-password}, … */
  public String secretKey() {
    return secretKey;
  }

  /** The value OpenIM ships by default; it is public, so a spec that gives it is refused. */
  String publicDefault() {
    return publicDefault;
  }

  /**
   * Whether {@code value} is the value OpenIM publishes for this key, which specs refuse.
   *
   * @since 0.1
   */
  public boolean isPublicDefault(String value) {
    return publicDefault.equals(value);
  }

  /** The key whose {@link #secretKey()} is {@code name}, ignoring case. */
  public static Optional<SecretKey> byKey(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (SecretKey key : values()) {
      if (key.secretKey.equals(wanted)) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }
}
