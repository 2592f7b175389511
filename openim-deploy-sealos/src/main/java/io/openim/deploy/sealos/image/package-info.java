/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * OpenIM as a sealos cluster image, for offline installs: {@link
 * io.openim.deploy.sealos.image.ClusterImage#export} writes a build folder (a Kubefile, the plan
 * as a Helm chart, the manifests and the image list {@code sealos build} reads to pull every image)
 * and the exact {@code sealos build} and {@code sealos run} commands. No credential is written into
 * the folder: the chart generates them when it is first installed.
 */
@NullMarked
package io.openim.deploy.sealos.image;

import org.jspecify.annotations.NullMarked;
