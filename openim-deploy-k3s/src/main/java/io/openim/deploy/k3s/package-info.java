/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The k3s provider: OpenIM on k3s with k3s's defaults (local-path storage, Traefik, ServiceLB),
 * onto an existing k3s or onto hosts it sets k3s up on over SSH first ({@link
 * io.openim.deploy.k3s.K3sProvisioning}), delivered by the engine's direct apply or by k3s's own
 * HelmChart resource. The JUnit extension that gives test suites a k3s container with OpenIM
 * deployed is in openim-deploy-testkit ({@code @WithOpenImCluster}).
 */
@NullMarked
package io.openim.deploy.k3s;

import org.jspecify.annotations.NullMarked;
