/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.image;

import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.sealos.clusterfile.Arch;
import io.openim.deploy.sealos.image.internal.ImageScan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a cluster image export needs besides the plan: the image's name, the platform it is built
 * for, and the defaults of the variables its {@code CMD} reads ({@code NAME}, {@code NAMESPACE},
 * {@code HELM_OPTS}), which {@code sealos run --env} overrides.
 *
 * @param image the image to build, such as {@code registry.example.com/openim:v3.8.3}
 * @param platform the architecture of the cluster's nodes; the build pulls every image for it
 * @param releaseName the Helm release name ({@code NAME}): at most 53 lower-case letters, digits,
 *     '-' and '.', as Helm wants it
 * @param namespace the namespace ({@code NAMESPACE}); it must be the plan's, since the chart names
 *     its services' addresses in that namespace and refuses to install into another
 * @param helmOptions further {@code helm upgrade} flags ({@code HELM_OPTS}), {@link
 *     #DEFAULT_HELM_OPTIONS} unless given; letters, digits, spaces and {@code -_.:/=+@%} only
 * @since 0.3
 */
public record ClusterImageOptions(String image, Arch platform, String releaseName, String namespace,
    String helmOptions) {
  /**
   * Wait until OpenIM's workloads are ready, for at most 20 minutes, so that {@code sealos run}
   * fails when the install does not come up (helm v3.16.2, the helm cluster image sealos installs:
   * cmd/helm/upgrade.go {@code --wait}, {@code --timeout}).
   */
  public static final String DEFAULT_HELM_OPTIONS = "--wait --timeout 20m";

  // helm v3.16.2 pkg/chartutil/validate_name.go: validName, maxReleaseNameLen 53
  private static final Pattern RELEASE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  // sealos puts HELM_OPTS into a shell line twice, once inside "..." (sealos v5.1.1
  // lifecycle/pkg/utils/strings/strings.go RenderShellWithEnv) and once bare after the $(VAR)
  // expansion of the CMD: quotes, '\', '$', '`', ';', '|', '&', '<', '>', '#' would be shell code,
  // and '[', ']', '*', '?', '{', '}', '~' globs or expansions; ',' because sealos reads --env as a
  // comma-separated list (lifecycle/pkg/apply/args.go: a pflag StringSlice), so HELM_OPTS=a,b breaks
  private static final Pattern HELM_OPTIONS = Pattern.compile("[A-Za-z0-9 ._:/=+@%-]*");

  /**
   * Checks every component and reports every problem at once.
   *
   * @throws IllegalArgumentException naming each bad component, its value and what to give instead
   */
  public ClusterImageOptions {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(releaseName, "releaseName");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(helmOptions, "helmOptions");
    List<String> problems = new ArrayList<>();
    if (!ImageScan.REFERENCE.matcher(image).matches() || image.contains("@")) {
      problems.add("image must be an image reference such as registry.example.com/openim:v3.8.3 (lower-case"
          + " path, optional host[:port]/ and :tag, no digest), but was '" + image + "'");
    }
    if (releaseName.length() > 53 || !RELEASE.matcher(releaseName).matches()) {
      problems.add("releaseName must be a Helm release name (at most 53 lower-case letters, digits, '-' and '.'),"
          + " but was '" + releaseName + "'");
    }
    if (namespace.length() > 63 || !NAMESPACE.matcher(namespace).matches()) {
      problems.add("namespace must be a Kubernetes namespace name (at most 63 lower-case letters, digits and '-'),"
          + " but was '" + namespace + "'");
    }
    if (!HELM_OPTIONS.matcher(helmOptions).matches()) {
      problems.add("helmOptions may hold letters, digits, spaces and -_.:/=+@% only, since sealos pastes it"
          + " into a shell command and splits --env values at commas; put other values into a values file on the first master and pass"
          + " '--values FILE', but was '" + helmOptions + "'");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("bad cluster image options: " + String.join("; ", problems));
    }
  }

  /** Options with {@link #DEFAULT_HELM_OPTIONS}. */
  public ClusterImageOptions(String image, Arch platform, String releaseName, String namespace) {
    this(image, platform, releaseName, namespace, DEFAULT_HELM_OPTIONS);
  }

  /** Options for {@code spec}: its release name and namespace, {@link #DEFAULT_HELM_OPTIONS}. */
  public static ClusterImageOptions of(String image, Arch platform, DeploymentSpec spec) {
    return new ClusterImageOptions(image, platform, spec.release(), spec.namespace());
  }

  /** These options with other Helm flags ({@code HELM_OPTS}). */
  public ClusterImageOptions helmOptions(String flags) {
    return new ClusterImageOptions(image, platform, releaseName, namespace, flags);
  }
}
