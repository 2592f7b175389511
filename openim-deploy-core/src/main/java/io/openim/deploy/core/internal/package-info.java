/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Not API. May change in any release.
 *
 * <p>The rendering rules behind {@link io.openim.deploy.core.Topology}: names and labels, the
 * environment each OpenIM process gets, and the objects of each phase.
 */
@NullMarked
package io.openim.deploy.core.internal;

import org.jspecify.annotations.NullMarked;
