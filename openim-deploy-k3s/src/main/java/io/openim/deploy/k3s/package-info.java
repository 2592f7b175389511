/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The k3s provider: OpenIM on an existing k3s with k3s's defaults (local-path storage, Traefik,
 * ServiceLB), delivered by the engine's direct apply or by k3s's own HelmChart resource. The JUnit
 * extension that gives test suites a k3s container with OpenIM deployed is in
 * openim-deploy-testkit-openim.
 */
@NullMarked
package io.openim.deploy.k3s;

import org.jspecify.annotations.NullMarked;
