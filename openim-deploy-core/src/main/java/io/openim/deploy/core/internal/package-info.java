/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Not API. May change in any release.
 *
 * <p>How {@link io.openim.deploy.core.OpenImDeploy} chooses a provider: explicit ones first, then
 * ServiceLoader, ranked by support and priority, every rejected candidate with its reason.
 */
@NullMarked
package io.openim.deploy.core.internal;

import org.jspecify.annotations.NullMarked;
