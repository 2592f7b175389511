/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.image.internal;

import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.core.chart.ChartExport;
import io.openim.deploy.sealos.image.ClusterImageOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kubefile of the cluster image: an application image {@code FROM scratch} whose {@code ENV}
 * gives the defaults of the variables its {@code CMD} reads, {@code COPY . .} of the whole folder,
 * and a {@code CMD} that installs or upgrades the chart with Helm (docs/sealos.md, "Cluster
 * images").
 *
 * <p>How sealos runs it (sealos v5.1.1, lifecycle/pkg/guest/guest.go {@code Apply}): an
 * application image's {@code CMD} runs on the first master only, from the image's copy of this
 * folder (guest/util.go {@code FormalizeWorkingCommand}), after {@code $(VAR)} is replaced with the
 * image's {@code ENV} merged with {@code sealos run --env}; a {@code $(VAR)} without a value would
 * stay and reach the shell as a command substitution, so every variable the {@code CMD} names has
 * a default here. {@code sealos run -f} runs the {@code CMD} again (docs/sealos.md, "The
 * command-line tool"), which {@code helm upgrade -i} makes safe: it installs the release the first
 * time and upgrades it after (helm v3.16.2 cmd/helm/upgrade.go {@code --install/-i}), and the
 * chart keeps the credentials it generated on the first install.
 */
public final class Kubefile {
  /** The chart's folder inside the image, relative to the folder the {@code CMD} runs in. */
  public static final String CHART = "charts/" + ChartExport.Options.DEFAULT.chartName();

  /**
   * The one shell command of the {@code CMD}. Every flag is Helm's (helm v3.16.2):
   * {@code upgrade --install/-i} and {@code --create-namespace} ("if --install is set, create the
   * release namespace if not present") in cmd/helm/upgrade.go, the global {@code --namespace/-n}
   * in pkg/cli/environment.go.
   */
  public static final String COMMAND =
      "helm upgrade -i $(NAME) " + CHART + " -n $(NAMESPACE) --create-namespace $(HELM_OPTS)";

  private Kubefile() {}

  /** The variables the {@code CMD} reads, with their defaults, in the Kubefile's order. */
  public static Map<String, String> env(ClusterImageOptions options) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("NAME", options.releaseName());
    env.put("NAMESPACE", options.namespace());
    env.put("HELM_OPTS", options.helmOptions());
    return env;
  }

  /**
   * The Kubefile's text. The options' values need no escaping inside the double quotes: {@link
   * ClusterImageOptions} admits no quote, backslash or {@code $}.
   */
  public static String render(DeploymentSpec spec, ClusterImageOptions options) {
    StringBuilder out = new StringBuilder();
    out.append("# OpenIM ").append(spec.version()).append(" (release ").append(spec.release())
        .append(") as a sealos application image, exported by openim-deploy.\n")
        .append("# Build and run it with the commands in README.md; sealos run --env NAME=... overrides an ENV.\n")
        .append("FROM scratch\n");
    env(options).forEach((name, value) -> out.append("ENV ").append(name).append("=\"").append(value).append("\"\n"));
    out.append("COPY . .\n")
        .append("CMD [\"").append(COMMAND).append("\"]\n");
    return out.toString();
  }
}
