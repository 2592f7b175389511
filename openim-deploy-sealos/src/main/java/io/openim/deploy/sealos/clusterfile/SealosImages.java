/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The cluster images sealos v5.1.1 itself installs: those of its {@code
 * scripts/cloud/install-v2.sh}, under {@code ghcr.io/labring/sealos/} (docs/sealos.md). None was
 * pulled or run from here: the versions are what that script names.
 *
 * <p>A Clusterfile's {@code spec.image} is applied in order: the Kubernetes image first, {@link
 * #HELM} before the network plugin ({@link #CILIUM}), then what runs on the cluster. {@link
 * #standard()} is that start.
 *
 * @since 0.3
 */
public final class SealosImages {
  /** Where sealos v5.1.1's install script takes its cluster images from. */
  public static final String REGISTRY = "ghcr.io/labring/sealos/";

  /** Kubernetes v1.28.15. */
  public static final String KUBERNETES = REGISTRY + "kubernetes:v1.28.15";

  /** Helm v3.16.2; goes before the network plugin. */
  public static final String HELM = REGISTRY + "helm:v3.16.2";

  /** The network plugin Cilium v1.17.1. */
  public static final String CILIUM = REGISTRY + "cilium:v1.17.1";

  /** cert-manager v1.14.6. */
  public static final String CERT_MANAGER = REGISTRY + "cert-manager:v1.14.6";

  /** OpenEBS v3.10.0, the storage. */
  public static final String OPENEBS = REGISTRY + "openebs:v3.10.0";

  /** The ingress controller Higress v2.1.3. */
  public static final String HIGRESS = REGISTRY + "higress:v2.1.3";

  /** KubeBlocks v0.8.2, the database operator. */
  public static final String KUBEBLOCKS = REGISTRY + "kubeblocks:v0.8.2";

  private static final Pattern VERSION = Pattern.compile("v[0-9]+\\.[0-9]+\\.[0-9]+");

  private SealosImages() {}

  /** A cluster's first images, in the order sealos needs: Kubernetes, Helm, Cilium. */
  public static List<String> standard() {
    return List.of(KUBERNETES, HELM, CILIUM);
  }

  /**
   * The Kubernetes image of {@code version} ({@code v1.28.15}) from {@link #REGISTRY}. Whether
   * that registry publishes the version is not checked here: no registry is reached.
   *
   * @throws IllegalArgumentException if {@code version} is not {@code vMAJOR.MINOR.PATCH}
   */
  public static String kubernetes(String version) {
    Objects.requireNonNull(version, "version");
    if (!VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException("a Kubernetes version is vMAJOR.MINOR.PATCH, for example v1.28.15, but was '"
          + version + "'");
    }
    return REGISTRY + "kubernetes:" + version;
  }
}
