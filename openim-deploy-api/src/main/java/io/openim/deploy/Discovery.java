/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

/**
 * How OpenIM processes find each other.
 *
 * @since 0.1
 */
public enum Discovery {
  /**
   * Registration in etcd (the default and the sturdiest for released versions). Pods get no
   * service-account token, so newer OpenIM code does not switch itself to Kubernetes mode.
   */
  ETCD,
  /**
   * OpenIM's Kubernetes mode ({@code discovery.enable: k8s}): Services with a port named {@code
   * grpc}, fixed ports, and RBAC to read services, endpoints and pods. Released v3.8.3 patches
   * only look in namespace {@code default}.
   */
  KUBERNETES
}
