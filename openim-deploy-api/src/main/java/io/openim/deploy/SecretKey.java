/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.Locale;
import java.util.Optional;

/**
 * Every credential a deployment needs. Each is generated at random unless given, and lands in
 * one Kubernetes Secret under {@link #secretKey()}.
 *
 * @since 0.1
 */
public enum SecretKey {
  /** OpenIM's shared secret ({@code share.yml: secret}, chat {@code share.openIM.secret}). */
  OPENIM_SECRET("openim-secret", "openIM123"),
  /** The chat admin token key ({@code chat-rpc-admin.yml: secret}). */
  CHAT_ADMIN_SECRET("chat-admin-secret", "chat123"),
  /** The chat verification bypass code ({@code chat-rpc-chat.yml: verifyCode.superCode}). */
  CHAT_SUPER_CODE("chat-super-code", "666666"),
  /** The LiveKit API key chat signs room tokens with. */
  LIVEKIT_KEY("livekit-key", "APIGPW3gnFTzqHH"),
  /** The LiveKit API secret chat signs room tokens with. */
  LIVEKIT_SECRET("livekit-secret", "23ztfSqsfQ8hKkHzHTl3Z4bvaxro0snjk5jwbp5p6Q3"),
  /** The password of MongoDB's root user (in-cluster MongoDB only). */
  MONGODB_ROOT_PASSWORD("mongodb-root-password", "openIM123"),
  /** The password of OpenIM's MongoDB user. */
  MONGODB_PASSWORD("mongodb-password", "openIM123"),
  /** The Redis password. */
  REDIS_PASSWORD("redis-password", "openIM123"),
  /** MinIO's access key id (its root user when in-cluster). */
  MINIO_ACCESS_KEY("minio-access-key", "root"),
  /** MinIO's secret access key (its root password when in-cluster). */
  MINIO_SECRET_KEY("minio-secret-key", "openIM123");

  private final String secretKey;
  private final String publicDefault;

  SecretKey(String secretKey, String publicDefault) {
    this.secretKey = secretKey;
    this.publicDefault = publicDefault;
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
