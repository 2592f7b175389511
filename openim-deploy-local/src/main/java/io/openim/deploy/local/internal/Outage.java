/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A component killed at once and brought back in the background, with the controllers restarted
 * afresh after it.
 *
 * <p>Why the controllers restart: this cluster runs them without leader election, and after an
 * outage their informers were seen lagging (kube-controller-manager: "read version: 2812 is not as
 * new as written version: 2815", StatefulSets left at 0 ready for minutes while their pods ran;
 * kube-scheduler retrying unschedulable pods for about 55 s). A real control plane's controller
 * manager and scheduler hold leases and exit when they cannot renew them within 10 s
 * (k8s.io/kubernetes v1.36.3 cmd/kube-controller-manager/app/controllermanager.go and
 * cmd/kube-scheduler/app/server.go {@code OnStoppedLeading}; component-base v0.36.3
 * config/v1alpha1/defaults.go {@code RenewDeadline}), to start afresh. After etcd, kube-apiserver
 * restarts too: this API server was seen never to pass two pods created afterwards on to
 * kube-scheduler's watch, and a kubelet restarts an API server whose {@code /livez} etcd check keeps
 * failing.
 */
public final class Outage {
  private static final List<String> CONTROLLERS = List.of("kube-controller-manager", "kube-scheduler", "kwok");

  private Outage() {}

  /**
   * Kills {@code component} of {@code processes} with SIGKILL and returns once it has died, with
   * its return (after {@code downtime}) and the controllers' restarts under way.
   *
   * @throws IllegalArgumentException if there is no such component
   * @throws IllegalStateException if it is not running or does not die within 20 s
   */
  public static CompletableFuture<Void> kill(ClusterProcesses processes, String component, Duration downtime) {
    long pid = processes.components().stream().filter(c -> c.name().equals(component)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + component + " in " + processes.components())).pid();
    ProcessHandle old = ProcessHandle.of(pid)
        .orElseThrow(() -> new IllegalStateException(component + " (pid " + pid + ") is not running"));
    CompletableFuture<Void> back = CompletableFuture.runAsync(() -> {
      processes.restart(component, downtime);
      if (component.equals("etcd")) {
        processes.restart("kube-apiserver", Duration.ZERO);
      }
      CONTROLLERS.forEach(controller -> processes.restart(controller, Duration.ZERO));
    });
    try {
      old.onExit().get(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing " + component, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(component + " (pid " + pid + ") did not die within 20 s", e);
    }
    return back;
  }
}
