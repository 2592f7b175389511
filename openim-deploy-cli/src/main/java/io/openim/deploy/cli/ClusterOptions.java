/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentListener;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Target;
import io.openim.deploy.core.KubernetesProvider;
import io.openim.deploy.core.OpenImDeploy;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.helm.HelmProvider;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.core.render.SpecFile;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options every cluster command shares: which cluster, and which release. */
final class ClusterOptions {
  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "The cluster's kubeconfig. Default: $KUBECONFIG, else ~/.kube/config.")
  @Nullable Path kubeconfig;

  @Option(names = {"-f", "--file"}, paramLabel = "SPEC",
      description = "The spec file (YAML). Without it, the default spec: release openim, profile minimal.")
  @Nullable Path file;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
      description = "The release's namespace, when no spec file says it. Default: openim.")
  @Nullable String namespace;

  @Option(names = "--release", paramLabel = "NAME",
      description = "The release's name, when no spec file says it. Default: openim.")
  @Nullable String release;

  @Option(names = "--provider", paramLabel = "ID",
      description = {"How the release is deployed: kubernetes (openim-deploy's server-side apply), helm (a Helm"
          + " release) or k3s.",
          "Default: the one that made the release: helm for a Helm release of that name, else kubernetes; for"
          + " 'up', kubernetes, or k3s with --host, which only k3s supports."})
  @Nullable String provider;

  /** {@code --provider}, else the one the release was made with: helm for a Helm release, else kubernetes. */
  String provider(HelmRelease.Lookup helm) {
    return provider != null ? provider : helm.latest() != null ? HelmProvider.ID : KubernetesProvider.ID;
  }

  /** What Helm's records say of the release. */
  HelmRelease.Lookup helmLookup() {
    return HelmRelease.lookup(ClusterConnection.fromKubeconfig(kubeconfigText()), releaseRef());
  }

  /** The deployer of {@code providerId} onto the cluster, through the front door. */
  Deployer open(String providerId, DeploymentListener listener, Duration timeout, boolean force) {
    return OpenImDeploy.builder().target(Target.kubernetes(kubeconfigText())).provider(providerId).listener(listener)
        .timeout(timeout).force(force).build();
  }

  /** The deployer of the release's provider ({@link #provider(HelmRelease.Lookup)}), 20 min timeout. */
  Deployer open(HelmRelease.Lookup helm, DeploymentListener listener) {
    return open(provider(helm), listener, Duration.ofMinutes(20), false);
  }

  DeploymentSpec spec() {
    DeploymentSpec spec = spec(file);
    if (namespace != null || release != null) {
      DeploymentSpec.Builder builder = spec.toBuilder();
      if (namespace != null) {
        builder.namespace(namespace);
      }
      if (release != null) {
        builder.release(release);
      }
      spec = builder.build();
    }
    return spec;
  }

  /** The spec in {@code file}, or the default spec (release openim, profile minimal) without one. */
  static DeploymentSpec spec(@Nullable Path file) {
    return file == null ? DeploymentSpec.builder("openim").build() : SpecFile.read(file);
  }

  ReleaseRef releaseRef() {
    if (file != null) {
      DeploymentSpec spec = spec();
      return new ReleaseRef(spec.namespace(), spec.release());
    }
    return new ReleaseRef(namespace == null ? "openim" : namespace, release == null ? "openim" : release);
  }

  /** The kubeconfig text: the given file, else $KUBECONFIG's first entry, else ~/.kube/config. */
  String kubeconfigText() {
    return kubeconfigText(kubeconfig);
  }

  /** The text of {@code given}, else of $KUBECONFIG's first entry, else of ~/.kube/config. */
  static String kubeconfigText(@Nullable Path given) {
    Path path = given;
    if (path == null) {
      String env = System.getenv("KUBECONFIG");
      path = env != null && !env.isBlank()
          ? Path.of(env.split(File.pathSeparator)[0])
          : Path.of(System.getProperty("user.home"), ".kube", "config");
    }
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the kubeconfig " + path
          + "; give one with --kubeconfig (for 'up', leave it out to use the embedded local cluster)", e);
    }
  }
}
