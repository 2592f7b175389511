/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * A JUnit 5 extension that gives test suites a disposable cluster with OpenIM deployed: {@link
 * io.openim.deploy.testkit.openim.WithOpenImCluster} on a test class, an {@link
 * io.openim.deploy.testkit.openim.OpenImCluster} parameter in its tests.
 *
 * <p>It deploys through openim-deploy-core, so it lives apart from openim-deploy-testkit, which
 * core's own tests use. A k3s container needs testcontainers-k3s and openim-deploy-k3s on the test
 * class path; the local cluster modes need neither.
 */
@NullMarked
package io.openim.deploy.testkit.openim;

import org.jspecify.annotations.NullMarked;
