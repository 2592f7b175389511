/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.internal;

import io.openim.deploy.DeploymentListener;
import io.openim.deploy.Host;
import io.openim.deploy.ProvisioningException;
import io.openim.deploy.Secret;
import io.openim.deploy.core.ProvisionedDeployer;
import io.openim.deploy.sealos.SealosProvisioning;
import io.openim.deploy.sealos.clusterfile.Clusterfile;
import io.openim.deploy.sealos.clusterfile.ClusterfileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Kubernetes set up with sealos on hosts, for {@link ProvisionedDeployer}: a Clusterfile made from
 * the hosts and the settings and checked strictly, {@code sealos apply -f} on it (sealos's
 * idempotent step, docs/sealos.md), then the admin kubeconfig sealos keeps in its runtime root,
 * its server moved from {@code apiserver.cluster.local} to the first master's address.
 */
public final class SealosHosts implements ProvisionedDeployer.Provisioner {
  private final SealosProvisioning settings;
  private final List<Host> hosts;

  public SealosHosts(SealosProvisioning settings, List<Host> hosts) {
    this.settings = settings;
    this.hosts = List.copyOf(hosts);
  }

  @Override
  public String what() {
    return "Kubernetes with sealos";
  }

  @Override
  public String where() {
    Host first = hosts.get(0);
    return first.user() + "@" + first.address() + ":" + first.port();
  }

  /** The kubeconfig sealos keeps for this cluster, if it set the cluster up from this machine. */
  @Override
  public Optional<String> kubeconfig() {
    SealosCli cli = cli(DeploymentListener.NONE, List.of());
    if (cli.savedClusterfile().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(cli.kubeconfig(hosts.get(0).address()));
    } catch (SealosException e) {
      if (e.exitCode().isEmpty()) { // not run: sealos left no kubeconfig (a first apply that failed halfway)
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public String missing() {
    return "sealos keeps no state for cluster " + settings.cluster() + " in " + settings.runtimeRoot()
        .map(Path::toString).orElse("~/.sealos") + " on this machine";
  }

  @Override
  public String provision(DeploymentListener listener) {
    Clusterfile clusterfile;
    try {
      clusterfile = settings.clusterfile(hosts);
    } catch (ClusterfileException e) {
      throw new ProvisioningException(where(), String.valueOf(e.getMessage()), e);
    }
    List<Secret> masked = new ArrayList<>();
    if (clusterfile.ssh().password() != null) {
      masked.add(clusterfile.ssh().password());
    }
    if (clusterfile.ssh().keyPassphrase() != null) {
      masked.add(clusterfile.ssh().keyPassphrase());
    }
    SealosCli cli = cli(listener, masked);
    @Nullable Path folder = null;
    try {
      // the file holds the SSH password: a folder and a file only this user can read, deleted after
      folder = Files.createTempDirectory("openim-deploy-sealos-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path file = folder.resolve("Clusterfile");
      clusterfile.writeTo(file);
      cli.apply(file);
      return cli.kubeconfig(hosts.get(0).address());
    } catch (SealosException e) {
      throw new ProvisioningException(where(), String.valueOf(e.getMessage()), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Clusterfile for sealos into a temporary folder", e);
    } finally {
      delete(folder);
    }
  }

  private SealosCli cli(DeploymentListener listener, List<Secret> masked) {
    SealosCli.Builder builder = SealosCli.builder(settings.sealos()).cluster(settings.cluster())
        .stepTimeout(settings.stepTimeout()).confirm(settings.confirm()).listener(listener).masked(masked);
    settings.runtimeRoot().ifPresent(builder::runtimeRoot);
    return builder.build();
  }

  private static void delete(@Nullable Path folder) {
    if (folder == null) {
      return;
    }
    try (var files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + folder + ", which holds a Clusterfile with the SSH password:"
          + " delete it by hand", e);
    }
  }
}
