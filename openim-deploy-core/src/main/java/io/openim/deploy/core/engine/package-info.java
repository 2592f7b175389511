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
 * client's models does not break decoding. What is read comes back as the engine's own types:
 * {@link io.openim.deploy.core.engine.KubeObject} for an object, {@link
 * io.openim.deploy.core.engine.KubeResponse} where the caller needs the HTTP status ({@link
 * io.openim.deploy.core.engine.ClusterConnection#get get}, {@link
 * io.openim.deploy.core.engine.ClusterConnection#list list}).
 *
 * <p>The Kubernetes client (client-java) and its JSON library (gson) are how the engine is
 * implemented, not part of its API: no public or protected member here names one of their types,
 * and a test in core checks that. The engine's own classes reach them through package-private
 * members only, so a future {@code module-info} exporting this package exports none of them.
 * Other code in core that needs the client uses it directly, never through this package. The
 * engine depends only on the api module, never on the rest of core.
 */
@NullMarked
package io.openim.deploy.core.engine;

import org.jspecify.annotations.NullMarked;
