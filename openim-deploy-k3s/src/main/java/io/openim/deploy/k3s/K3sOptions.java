/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the k3s provider fits OpenIM to k3s. Each default follows what a stock k3s ships, and each
 * can be overridden.
 *
 * @param storageClass the StorageClass of data volumes when the spec names none ({@code local-path})
 * @param ingressClass the IngressClass when the spec's ingress names none ({@code traefik})
 * @param gatewayLoadBalancer expose the WebSocket gateway through a LoadBalancer Service, which
 *     k3s's ServiceLB serves on the nodes' addresses
 * @param delivery how the objects reach the cluster
 * @param helmChartNamespace where HelmChart resources go; k3s's helm-controller watches {@code kube-system}
 * @since 0.1
 */
public record K3sOptions(
    String storageClass,
    String ingressClass,
    boolean gatewayLoadBalancer,
    Delivery delivery,
    String helmChartNamespace) {

  /** Where k3s writes the admin kubeconfig on a server. */
  public static final Path DEFAULT_KUBECONFIG = Path.of("/etc/rancher/k3s/k3s.yaml");

  /** k3s's own defaults, delivered by direct apply. */
  public static final K3sOptions DEFAULT =
      new K3sOptions("local-path", "traefik", true, Delivery.DIRECT, "kube-system");

  /** Checks the parts. */
  public K3sOptions {
    Objects.requireNonNull(storageClass, "storageClass");
    Objects.requireNonNull(ingressClass, "ingressClass");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(helmChartNamespace, "helmChartNamespace");
  }

  /** A copy delivered by {@code delivery}. */
  public K3sOptions withDelivery(Delivery delivery) {
    return new K3sOptions(storageClass, ingressClass, gatewayLoadBalancer, delivery, helmChartNamespace);
  }

  /** A copy with another default StorageClass. */
  public K3sOptions withStorageClass(String storageClass) {
    return new K3sOptions(storageClass, ingressClass, gatewayLoadBalancer, delivery, helmChartNamespace);
  }

  /** A copy with or without the gateway's LoadBalancer Service. */
  public K3sOptions withGatewayLoadBalancer(boolean gatewayLoadBalancer) {
    return new K3sOptions(storageClass, ingressClass, gatewayLoadBalancer, delivery, helmChartNamespace);
  }

  /**
   * How objects reach the cluster.
   *
   * @since 0.1
   */
  public enum Delivery {
    /** The engine's server-side apply, phase by phase, waiting for each. */
    DIRECT,
    /**
     * A {@code helm.cattle.io/v1} HelmChart carrying the exported chart, installed by k3s's
     * helm-controller; completion is read from its install Job.
     */
    HELM_CHART
  }
}
