/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The public contract of openim-deploy: what an OpenIM deployment looks like ({@link
 * io.openim.deploy.DeploymentSpec} and its parts), what it turns into ({@link
 * io.openim.deploy.DeploymentPlan}), credentials that never print ({@link io.openim.deploy.Secret})
 * and the exceptions. No runtime dependencies.
 */
@NullMarked
package io.openim.deploy;

import org.jspecify.annotations.NullMarked;
