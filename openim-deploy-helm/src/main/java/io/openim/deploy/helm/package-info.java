/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * OpenIM as a Helm chart: {@link io.openim.deploy.helm.ChartExport} turns an openim-deploy plan
 * into a chart folder that {@code helm lint} accepts and that renders the same objects as the
 * plan, with the spec's knobs (replicas, resources, images, storage, ingress host) as values.
 */
@NullMarked
package io.openim.deploy.helm;

import org.jspecify.annotations.NullMarked;
