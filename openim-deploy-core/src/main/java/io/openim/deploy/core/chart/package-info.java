/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * OpenIM as a Helm chart, for every provider that delivers through Helm: {@link
 * io.openim.deploy.core.chart.ChartExport} turns a plan into a chart folder that {@code helm lint}
 * accepts and that renders the plan's objects, with the spec's knobs as values; {@link
 * io.openim.deploy.core.chart.HelmReleases} reads the release records Helm stores (any Helm client's,
 * k3s's helm-controller's too).
 */
@NullMarked
package io.openim.deploy.core.chart;

import org.jspecify.annotations.NullMarked;
