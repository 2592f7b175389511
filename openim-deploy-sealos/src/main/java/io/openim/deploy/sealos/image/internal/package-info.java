/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * How the cluster image folder is written: the Kubefile, the chart adapted to sealos's image scan,
 * the image scan sealos does (checked before the build), the folder's README and the atomic,
 * refusing-what-is-not-ours replacement of the target folder. Not API.
 */
@NullMarked
package io.openim.deploy.sealos.image.internal;

import org.jspecify.annotations.NullMarked;
