/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The helm provider: OpenIM as a real Helm release, installed, upgraded, rolled back and
 * uninstalled through helm-java, from the chart that {@link io.openim.deploy.core.chart.ChartExport}
 * exports, and answering history from Helm's own release records.
 */
@NullMarked
package io.openim.deploy.helm;

import org.jspecify.annotations.NullMarked;
