/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.Manifest;
import io.openim.deploy.core.render.internal.Yamls;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a plan as multi-document YAML, in apply order. {@link #render(DeploymentPlan)} redacts
 * every secret and is safe to print, log or attach to a review; {@link #export(DeploymentPlan)}
 * writes the secrets in clear, for GitOps repositories that encrypt them.
 *
 * <p>The output is deterministic: the same plan gives the same bytes.
 *
 * @since 0.1
 */
public final class PlanYaml {
  /** What a redacted secret looks like in printed output. */
  public static final String REDACTED = "<redacted>";

  private PlanYaml() {}

  /** The plan with every secret shown as {@value #REDACTED}. */
  public static String render(DeploymentPlan plan) {
    return write(plan, false);
  }

  /** The plan with secrets in clear. Handle the result as a secret. */
  public static String export(DeploymentPlan plan) {
    return write(plan, true);
  }

  /** One manifest, redacted. */
  public static String render(Manifest manifest) {
    return Yamls.blockDumper().dump(Yamls.plain(manifest.body(), false));
  }

  /** One manifest with secrets in clear, as a server-side apply body. Handle it as a secret. */
  public static String export(Manifest manifest) {
    return Yamls.blockDumper().dump(Yamls.plain(manifest.body(), true));
  }

  private static String write(DeploymentPlan plan, boolean reveal) {
    Yaml yaml = Yamls.blockDumper();
    StringBuilder out = new StringBuilder();
    for (Manifest manifest : plan.manifests()) {
      out.append("---\n");
      out.append("# ").append(manifest.phase()).append(": ").append(manifest.id()).append('\n');
      out.append(yaml.dump(Yamls.plain(manifest.body(), reveal)));
    }
    return out.toString();
  }

  /**
   * SnakeYAML's options for files people read and diff, as every YAML file openim-deploy writes
   * uses them: block style, two-space indent with list dashes at the parent's indent, no line
   * folding, Unix line breaks.
   *
   * @since 0.3
   */
  public static DumperOptions blockStyle() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(0);
    options.setWidth(Integer.MAX_VALUE);
    options.setSplitLines(false);
    options.setLineBreak(DumperOptions.LineBreak.UNIX);
    return options;
  }
}
