/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Image references checked in their registries before anything changes: {@link
 * io.openim.deploy.core.images.ImageCheck} resolves every image a plan names, for the platforms of
 * the cluster's nodes, and reports each problem ({@link io.openim.deploy.core.images.ImageReport}).
 */
@NullMarked
package io.openim.deploy.core.images;

import org.jspecify.annotations.NullMarked;
