/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s.internal;

import io.openim.deploy.DeploymentListener;
import io.openim.deploy.Host;
import io.openim.deploy.core.ProvisionedDeployer;
import io.openim.deploy.k3s.K3sProvisioning;
import java.util.List;
import java.util.Optional;

/**
 * k3s on hosts reached over SSH, for {@link ProvisionedDeployer}: set up with {@link
 * io.openim.deploy.k3s.K3sInstall} (idempotent, each remote command a {@link
 * io.openim.deploy.DeploymentEvent.RemoteCommand}), found again by the admin kubeconfig k3s
 * writes on the first server (read over SFTP).
 */
public final class K3sHosts implements ProvisionedDeployer.Provisioner {
  private final K3sProvisioning provisioning;
  private final List<Host> hosts;

  public K3sHosts(K3sProvisioning provisioning, List<Host> hosts) {
    this.provisioning = provisioning;
    this.hosts = List.copyOf(hosts);
  }

  @Override
  public String what() {
    return "k3s";
  }

  @Override
  public String where() {
    return SshHost.nameOf(hosts.get(0));
  }

  @Override
  public Optional<String> kubeconfig() {
    return provisioning.install(hosts, DeploymentListener.NONE).kubeconfig();
  }

  @Override
  public String missing() {
    return "there is no " + provisioning.install(hosts, DeploymentListener.NONE).kubeconfigPath() + " there";
  }

  @Override
  public String provision(DeploymentListener listener) {
    return provisioning.install(hosts, listener).run();
  }
}
