/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The Kubernetes apply/wait engine that the deployer and every provider share: server-side apply
 * with resource names from API discovery ({@link io.openim.deploy.core.engine.Applier}), waiting
 * that means rolled out ({@link io.openim.deploy.core.engine.RolloutWaiter}), and retries of
 * throttled or failed requests ({@link io.openim.deploy.core.engine.ClusterConnection}).
 *
 * <p>Everything here reads and writes objects as schemaless JSON, so a cluster newer than the
 * client's models does not break decoding.
 */
@NullMarked
package io.openim.deploy.core.engine;

import org.jspecify.annotations.NullMarked;
