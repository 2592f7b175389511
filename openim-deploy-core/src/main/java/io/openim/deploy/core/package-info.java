/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * OpenIM topology rendering and the Kubernetes apply/wait engine.
 *
 * <p>Empty until the OpenIM topology and deploy engine work lands; see the README for what exists today.
 */
@NullMarked
package io.openim.deploy.core;

import org.jspecify.annotations.NullMarked;
