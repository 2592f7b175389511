/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Ingress;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.sealos.template.internal.Export;
import java.util.Objects;

/**
 * Exports an OpenIM deployment as a Sealos Cloud App Store template: one multi-document YAML file
 * whose first document is the {@code app.sealos.io/v1} Template and whose others are OpenIM's
 * objects with {@code ${{ }}} expressions, as the App Store renders them into a user's namespace.
 *
 * <h2>What the template holds</h2>
 *
 * <ul>
 *   <li>The Template: title, icon, readme, categories, {@code defaults} with {@code app_name}
 *       ({@code openim-} and 8 random letters, which names every object) and {@code app_host} (8
 *       random letters), a default {@code ${{ random(32) }}} for each credential the plan generated,
 *       and {@code inputs} for what the user chooses: whether to run OpenIM Chat ({@code chat}),
 *       chat's admin password and verification code (random by default), the password of each
 *       external dependency. No credential of the plan is written.
 *   <li>OpenIM's objects without a namespace, so they land in the user's; named {@code ${{
 *       defaults.app_name }}-<component>}; each Deployment and StatefulSet labelled {@code app} and
 *       {@code cloud.sealos.io/app-deploy-manager}, annotated {@code originImageName} and {@code
 *       deploy.cloud.sealos.io/minReplicas}/{@code maxReplicas}, with requests and limits.
 *   <li>With {@link TemplateOptions#managedMongo()}, {@link TemplateOptions#managedRedis()} and
 *       {@link TemplateOptions#objectStorage()}: a KubeBlocks MongoDB and Redis and an
 *       ObjectStorageBucket in place of the in-cluster MongoDB, Redis and MinIO, OpenIM reading the
 *       Secrets their controllers create. Kafka and etcd stay StatefulSets: no template uses a
 *       KubeBlocks Kafka.
 *   <li>The Ingress of class {@code nginx} on {@code ${{ defaults.app_host }}.${{ SEALOS_CLOUD_DOMAIN
 *       }}} with the cloud's certificate {@code ${{ SEALOS_CERT_SECRET_NAME }}}, and a final App
 *       object linking to it.
 * </ul>
 *
 * <p>Every expression written is one {@link TemplateRenderer} understands; {@link #export} checks
 * that before it returns. Sources: docs/sealos.md "App Store templates" and "Conventions every
 * template follows".
 *
 * <pre>{@code
 * String template = SealosTemplate.export(DeploymentSpec.builder("openim").build(), TemplateOptions.defaults());
 * }</pre>
 *
 * @since 0.3
 */
public final class SealosTemplate {
  /** The host the spec's Ingress gets before export, replaced by the cloud host in the template. */
  public static final String PLACEHOLDER_HOST = "openim.sealos-template.invalid";

  /** The TLS Secret the spec's Ingress gets before export, replaced by the cloud's certificate. */
  public static final String PLACEHOLDER_TLS_SECRET = "sealos-template-cert";

  private SealosTemplate() {}

  /**
   * {@code spec} fitted for a template: an Ingress of class {@code nginx} on {@link
   * #PLACEHOLDER_HOST} (with TLS), which the export puts on the cloud host.
   */
  public static DeploymentSpec spec(DeploymentSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return spec.toBuilder().ingress(new Ingress(PLACEHOLDER_HOST, "nginx", PLACEHOLDER_TLS_SECRET)).build();
  }

  /**
   * The template for {@code plan}. The plan needs an Ingress (plan {@link #spec(DeploymentSpec)}'s
   * result); its host, wherever it appears, becomes the cloud host.
   *
   * @return the template: multi-document YAML, the Template first
   * @throws IllegalArgumentException listing every reason the plan cannot become a template: no
   *     Ingress, a string Sealos would misread (<code>${{</code>, a line ending in {@code ---}), a
   *     credential outside a Secret
   */
  public static String export(DeploymentPlan plan, TemplateOptions options) {
    return Export.template(Objects.requireNonNull(plan, "plan"), Objects.requireNonNull(options, "options"));
  }

  /** The template for {@code spec}: {@link #export(DeploymentPlan, TemplateOptions)} of its fitted plan. */
  public static String export(DeploymentSpec spec, TemplateOptions options) {
    return export(Topology.plan(spec(spec)), options);
  }
}
