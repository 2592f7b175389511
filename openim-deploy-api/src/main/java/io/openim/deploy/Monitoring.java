/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.Objects;

/**
 * Prometheus scraping of OpenIM's metrics ports, OpenIM's alert rules, and a Grafana dashboard.
 *
 * @param enabled whether anything is rendered for monitoring
 * @param mode how Prometheus finds the targets
 * @param dashboard whether a Grafana dashboard ConfigMap (labelled for the Grafana sidecar) is rendered
 * @since 0.1
 */
public record Monitoring(boolean enabled, Mode mode, boolean dashboard) {
  /** Nothing for monitoring. */
  public static final Monitoring DISABLED = new Monitoring(false, Mode.AUTO, false);

  /** Checks the mode is given. */
  public Monitoring {
    Objects.requireNonNull(mode, "mode");
  }

  /** Monitoring with the mode detected from the cluster, and the dashboard. */
  public static Monitoring auto() {
    return new Monitoring(true, Mode.AUTO, true);
  }

  /**
   * How Prometheus finds OpenIM's metrics.
   *
   * @since 0.1
   */
  public enum Mode {
    /** ServiceMonitors and a PrometheusRule if the cluster serves the Prometheus Operator's CRDs, else annotations. */
    AUTO,
    /** ServiceMonitors and a PrometheusRule (monitoring.coreos.com/v1). */
    OPERATOR,
    /** {@code prometheus.io/scrape}, {@code port} and {@code path} annotations on the pods. */
    ANNOTATIONS
  }
}
