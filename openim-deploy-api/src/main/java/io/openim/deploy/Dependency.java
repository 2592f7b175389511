/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where one of OpenIM's dependencies (MongoDB, Redis, Kafka, MinIO, etcd) comes from: run inside
 * the cluster by openim-deploy, or reached at addresses the user gives.
 *
 * <p>This family is closed.
 *
 * @since 0.1
 */
public sealed interface Dependency {

  /**
   * Run in the cluster as a StatefulSet with a volume claim template and a Service, from the
   * image the official compose setup pins for the chosen version line.
   *
   * @param storageSize the size of the data volume ({@code 10Gi})
   * @param resources CPU and memory
   * @param image an image to use instead of the pinned one, or null
   */
  record InCluster(String storageSize, Resources resources, @Nullable String image)
      implements Dependency {
    /** Checks that size and resources are given. */
    public InCluster {
      Objects.requireNonNull(storageSize, "storageSize");
      Objects.requireNonNull(resources, "resources");
    }
  }

  /**
   * Reached at the given addresses; nothing is deployed for it.
   *
   * @param addresses {@code host:port} pairs; for MinIO exactly one S3 endpoint, {@code
   *     https://host[:port]} for TLS, {@code http://host[:port]} or {@code host:port} for plain HTTP
   * @param username the user, or null (for MinIO, the access key id)
   * @param password the password, or null (for MinIO, the secret access key)
   * @param tlsSecret a Secret in the target namespace with {@code ca.crt}, {@code tls.crt} and
   *     {@code tls.key} for TLS to the dependency, or null for plain connections; only Kafka
   *     supports TLS in OpenIM this way (MinIO's comes from an {@code https://} address)
   * @param authSource for MongoDB only: the database that holds the user ({@code admin} for many
   *     managed services), or null for OpenIM's own {@code openim_v3}
   */
  record External(
      List<String> addresses,
      @Nullable String username,
      @Nullable Secret password,
      @Nullable String tlsSecret,
      @Nullable String authSource)
      implements Dependency {
    /** Copies the addresses. */
    public External {
      addresses = Copies.list(addresses, "addresses");
    }

    /** An external dependency whose MongoDB user, if any, lives in {@code openim_v3}. */
    public External(
        List<String> addresses, @Nullable String username, @Nullable Secret password, @Nullable String tlsSecret) {
      this(addresses, username, password, tlsSecret, null);
    }
  }

  /** An in-cluster dependency with a data volume of {@code storageSize}. */
  static Dependency inCluster(String storageSize, Resources resources) {
    return new InCluster(storageSize, resources, null);
  }

  /** An external dependency at {@code addresses} with optional credentials. */
  static Dependency external(
      List<String> addresses, @Nullable String username, @Nullable Secret password) {
    return new External(addresses, username, password, null);
  }
}
