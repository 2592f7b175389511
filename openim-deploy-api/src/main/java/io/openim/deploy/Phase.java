/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

/**
 * The order in which a plan's objects are applied. Objects of one phase do not depend on each
 * other; each phase waits for the one before it to be ready.
 *
 * @since 0.1
 */
public enum Phase {
  /** The namespace, CRDs and RBAC. */
  FOUNDATION,
  /** Secrets, ConfigMaps and NetworkPolicies: all in place before any pod starts. */
  CONFIGURATION,
  /** MongoDB, Redis, Kafka, MinIO and etcd when run in the cluster. */
  DEPENDENCIES,
  /** One-shot Jobs: the MongoDB user and the Kafka topics. */
  INITIALIZATION,
  /** OpenIM's RPC services. */
  OPENIM_RPC,
  /** The API, gateway, push, msgtransfer and crontask. */
  OPENIM_EDGE,
  /** OpenIM Chat. */
  CHAT,
  /** The Ingress. */
  EXPOSURE
}
