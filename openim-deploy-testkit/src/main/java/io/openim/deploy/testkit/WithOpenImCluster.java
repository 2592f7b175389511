/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a Kubernetes cluster with OpenIM deployed, as an {@link OpenImCluster}
 * parameter: a real k3s in a container (Testcontainers) where Docker exists, else the testkit's
 * local cluster (real control plane, simulated pods). Clusters are shared by the test classes of a
 * JVM that ask for the same mode. The choice and its reason are logged and available on the
 * parameter; a test that demands a container on a machine without Docker, or a real node on a
 * machine that cannot run one, is skipped with the reason shown.
 *
 * <p>A k3s container needs testcontainers-k3s, an optional dependency of this module, and
 * openim-deploy-k3s, whose provider deploys OpenIM there, on the test class path.
 *
 * @since 0.1
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(OpenImClusterExtension.class)
public @interface WithOpenImCluster {
  /** Which kind of cluster. */
  Mode mode() default Mode.AUTO;

  /** The k3s image for {@link Mode#K3S_CONTAINER}. */
  String k3sImage() default "rancher/k3s:v1.36.2-k3s1";

  /** Image tarballs to preload into the k3s container's agent images folder, as file paths. */
  String[] imageTarballs() default {};

  /**
   * Which kind of cluster a test gets.
   *
   * @since 0.1
   */
  enum Mode {
    /** A k3s container where Docker exists, else the local cluster. */
    AUTO,
    /** A k3s container; the test is skipped, with the reason, where there is no Docker. */
    K3S_CONTAINER,
    /** The testkit's local cluster. */
    LOCAL_CLUSTER,
    /**
     * A local cluster of its own (openim-deploy-local) with one real node and no simulated ones:
     * containerd, runc, kubelet, kube-proxy and CoreDNS on this machine, so OpenIM's pods really
     * run and pull their images, without Docker. Needs Linux, root and the Debian packages containerd, runc,
     * containernetworking-plugins and iptables; the test is skipped, with the reason, where they
     * are missing. One real node runs per machine: while another runs, the class fails saying so.
     * Where the images cannot be pulled from this machine, the cluster is given anyway with {@link
     * OpenImCluster#rolloutFailure()} saying why its pods stay in ImagePullBackOff.
     *
     * @since 0.1
     */
    LOCAL_REAL_NODE
  }
}
