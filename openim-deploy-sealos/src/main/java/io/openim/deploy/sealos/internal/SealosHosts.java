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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes set up with sealos on hosts, for {@link ProvisionedDeployer}: a Clusterfile made from
 * the hosts and the settings and checked strictly, {@code sealos apply -f} on it (sealos's
 * idempotent step, docs/sealos.md), then the admin kubeconfig sealos keeps in its runtime root,
 * its server moved from {@code apiserver.cluster.local} to the first master's address.
 */
public final class SealosHosts implements ProvisionedDeployer.Provisioner {
  private static final Logger LOG = LoggerFactory.getLogger(SealosHosts.class);
  /** Where sealos runs and fails: here, driving the hosts over SSH. */
  private static final String ON_THIS_MACHINE = "sealos on this machine";

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

  /**
   * The kubeconfig sealos keeps for this cluster, if it set the cluster up from this machine and
   * its saved state says so (phase ClusterSuccess): sealos writes admin.conf before kubeadm init
   * runs (sealos v5.1.1 lifecycle/pkg/runtime/kubernetes/init.go), so the file alone proves nothing.
   */
  @Override
  public Optional<String> kubeconfig() {
    SealosCli cli = cli(DeploymentListener.NONE, List.of());
    try {
      if (cli.savedCluster().filter(c -> SavedCluster.SUCCESS.equals(c.phase())).isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(cli.kubeconfig(hosts.get(0).address()));
    } catch (SealosException e) {
      throw new ProvisioningException(ON_THIS_MACHINE, String.valueOf(e.getMessage()), e);
    }
  }

  @Override
  public String missing() {
    return "sealos on this machine keeps no cluster '" + settings.cluster() + "' it set up successfully, in "
        + settings.runtimeRoot().orElse(Path.of(System.getProperty("user.home"), ".sealos"))
        + "; one set up from another machine is not known here";
  }

  @Override
  public String afterFailure() {
    return "Fix the cause and apply again: a Clusterfile sealos could not use changed nothing; if sealos set the"
        + " cluster up halfway, the next apply says how to start over, since sealos would not do again what failed";
  }

  @Override
  public String provision(DeploymentListener listener) {
    Clusterfile clusterfile;
    try {
      clusterfile = settings.clusterfile(hosts);
    } catch (ClusterfileException e) {
      throw new ProvisioningException(ON_THIS_MACHINE, String.valueOf(e.getMessage()), e);
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
      throw new ProvisioningException(ON_THIS_MACHINE, String.valueOf(e.getMessage()), e);
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

  /** Deletes the folder of the Clusterfile; a failure is logged (with the path only), never thrown over what happened. */
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
      LOG.warn("cannot delete {}, which holds a Clusterfile with the SSH password: delete it by hand ({})", folder,
          e.getClass().getSimpleName());
    }
  }
}
