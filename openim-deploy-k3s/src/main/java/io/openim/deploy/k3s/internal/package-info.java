/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Not API. May change in any release.
 *
 * <p>How plans are fitted to k3s and delivered through its HelmChart resource.
 */
@NullMarked
package io.openim.deploy.k3s.internal;

import org.jspecify.annotations.NullMarked;
