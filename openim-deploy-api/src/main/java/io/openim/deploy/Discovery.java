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
   * OpenIM's Kubernetes mode ({@code discovery.enable: k8s}), where processes find each other
   * through Services and their EndpointSlices. No version line openim-deploy knows runs in it: a
   * spec asking for it is refused when it is planned, with the reasons the line's catalog entry
   * gives (for v3.8.3: calls reach the wrong Service port, and push crashes on online pushes).
   */
  KUBERNETES
}
