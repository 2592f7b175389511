/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.Locale;

/**
 * The services OpenIM depends on.
 *
 * @since 0.1
 */
public enum DependencyKind {
  /** Messages, users, groups and chat data (database {@code openim_v3}). */
  MONGODB,
  /** Caches, tokens, online status and cache invalidation. */
  REDIS,
  /** The message pipeline (topics toRedis, toMongo, toPush, toOfflinePush). */
  KAFKA,
  /** Object storage for files, pictures and logs (bucket {@code openim}). */
  MINIO,
  /** Service discovery and registration. */
  ETCD;

  /** The key used in spec files: {@code mongodb}, {@code redis}, … */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
