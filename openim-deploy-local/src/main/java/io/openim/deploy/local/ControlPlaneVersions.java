/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The versions of the processes a {@link LocalCluster} runs: Kubernetes (kube-apiserver,
 * kube-controller-manager, kube-scheduler, kubectl), etcd and KWOK.
 *
 * @param kubernetes a {@code k8s.io/kubernetes} module version such as {@code v1.36.3}
 * @param etcd a {@code go.etcd.io/etcd/server/v3} module version such as {@code v3.6.14}
 * @param kwok a {@code sigs.k8s.io/kwok} module version such as {@code v0.8.0}
 * @since 0.1
 */
public record ControlPlaneVersions(String kubernetes, String etcd, String kwok) {
  private static final Pattern VERSION = Pattern.compile("v\\d+\\.\\d+\\.\\d+");

  /**
   * Kubernetes 1.36, the API that client-java 27 is generated from, with the etcd and KWOK
   * releases that pair with it.
   */
  public static final ControlPlaneVersions DEFAULT =
      new ControlPlaneVersions("v1.36.3", "v3.6.14", "v0.8.0");

  /** Checks that every version is a plain {@code vMAJOR.MINOR.PATCH}. */
  public ControlPlaneVersions {
    check("kubernetes", kubernetes);
    check("etcd", etcd);
    check("kwok", kwok);
  }

  /** A folder name that is unique for this combination, used for the binary cache. */
  public String cacheKey() {
    return kubernetes + "-etcd-" + etcd + "-kwok-" + kwok;
  }

  /** The revision of the build recipe (build-control-plane.sh); a cache from an older one is rebuilt. */
  static final int RECIPE = 3;

  /** The content of the {@code VERSIONS} marker that a finished build writes. */
  String marker() {
    return kubernetes + " " + etcd + " " + kwok + " recipe-" + RECIPE;
  }

  private static void check(String name, String version) {
    Objects.requireNonNull(version, name);
    if (!VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException(
          name + " version must look like v1.2.3, but was '" + version + "'");
    }
  }
}
