/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines and configuration files of kube-controller-manager, kube-scheduler and the API
 * server's audit log, apart from starting them, so that a test reads what the processes are given.
 */
final class ComponentFlags {
  /**
   * Requests per second the controller-manager and the scheduler may send the API server. Their
   * defaults at v1.36.3 are made for a shared production API server: kube-controller-manager 20
   * (pkg/controller/apis/config/v1alpha1/defaults.go: {@code ClientConnection.QPS = 20.0}) and
   * kube-scheduler 50 (pkg/scheduler/apis/config/v1/defaults.go: {@code QPS = 50.0}). On a test
   * cluster whose only other clients are the tests, they are what a deploy waits for: the
   * ReplicaSet, StatefulSet, Job and endpoint controllers share the 20 requests/s, and a test that
   * creates a few hundred pods queues behind them. Issue 17 measured a deploy of the default
   * topology at 7.4 s with the defaults and 5.4 s with these.
   */
  static final int CLIENT_QPS = 200;

  /**
   * The burst above {@link #CLIENT_QPS}; the defaults at v1.36.3 are 30 for the controller-manager
   * (pkg/controller/apis/config/v1alpha1/defaults.go: {@code ClientConnection.Burst = 30}) and 100
   * for the scheduler (pkg/scheduler/apis/config/v1/defaults.go: {@code Burst = 100}).
   */
  static final int CLIENT_BURST = 300;

  private ComponentFlags() {}

  /** The serving flags the controller-manager and the scheduler share: TLS, loopback, health open. */
  static List<String> servingTls(Path pkiDir) {
    return List.of(
        "--tls-cert-file=" + pkiDir.resolve("apiserver.crt"),
        "--tls-private-key-file=" + pkiDir.resolve("apiserver.key"),
        "--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics",
        "--bind-address=127.0.0.1",
        "--v=1");
  }

  /** kube-controller-manager's command line. */
  static List<String> controllerManager(Path binary, Path kubeconfig, Path pkiDir, int port) {
    List<String> args = new ArrayList<>();
    args.add(binary.toString());
    args.add("--kubeconfig=" + kubeconfig);
    args.add("--authentication-kubeconfig=" + kubeconfig);
    args.add("--authorization-kubeconfig=" + kubeconfig);
    args.add("--secure-port=" + port);
    args.add("--leader-elect=false");
    args.add("--root-ca-file=" + pkiDir.resolve("ca.crt"));
    args.add("--service-account-private-key-file=" + pkiDir.resolve("sa.key"));
    // k8s.io/controller-manager v0.36.3 options/generic.go: genericfs.Float32Var(..., "kube-api-qps", ...)
    // and genericfs.Int32Var(..., "kube-api-burst", ...), "QPS/Burst to use while talking with
    // kubernetes apiserver"; the controller-manager has no config file, so the flags are the way.
    args.add("--kube-api-qps=" + CLIENT_QPS);
    args.add("--kube-api-burst=" + CLIENT_BURST);
    args.addAll(servingTls(pkiDir));
    return List.copyOf(args);
  }

  /**
   * kube-scheduler's configuration file. Its client limits go here, not on the command line: at
   * v1.36.3 {@code --kube-api-qps} and {@code --kube-api-burst} are deprecated flags that
   * "[are] ignored if a config file is specified in --config" (cmd/kube-scheduler/app/options/
   * deprecated.go; options.go applies them only when {@code len(o.ConfigFile) == 0}), and the file's
   * {@code clientConnection.qps} and {@code burst} (component-base config/v1alpha1 types.go,
   * {@code json:"qps"}, {@code json:"burst"}) are what the scheduler reads.
   */
  static String schedulerConfig(Path kubeconfig) {
    return String.join(
        "\n",
        "apiVersion: kubescheduler.config.k8s.io/v1",
        "kind: KubeSchedulerConfiguration",
        "clientConnection:",
        "  kubeconfig: " + kubeconfig,
        "  qps: " + CLIENT_QPS,
        "  burst: " + CLIENT_BURST,
        "leaderElection:",
        "  leaderElect: false",
        "");
  }

  /** kube-scheduler's command line. */
  static List<String> scheduler(Path binary, Path config, Path kubeconfig, Path pkiDir, int port) {
    List<String> args = new ArrayList<>();
    args.add(binary.toString());
    args.add("--config=" + config);
    args.add("--authentication-kubeconfig=" + kubeconfig);
    args.add("--authorization-kubeconfig=" + kubeconfig);
    args.add("--secure-port=" + port);
    args.addAll(servingTls(pkiDir));
    return List.copyOf(args);
  }

  /**
   * The audit policy: every request at level Metadata (who, verb, resource, namespace, user agent,
   * response code; never a body), at every stage (k8s.io/apiserver v0.36.3 pkg/apis/audit/v1
   * types.go: levels None, Metadata, Request, RequestResponse; stages RequestReceived,
   * ResponseStarted, ResponseComplete, Panic).
   */
  static String auditPolicy() {
    return String.join(
        "\n",
        "apiVersion: audit.k8s.io/v1",
        "kind: Policy",
        "rules:",
        "- level: Metadata",
        "");
  }

  /**
   * The API server's audit flags (k8s.io/apiserver v0.36.3 pkg/server/options/audit.go): {@code
   * --audit-policy-file} "the file that defines the audit policy configuration", {@code
   * --audit-log-path} "all requests coming to the apiserver will be logged to this file", in the
   * default format json, one event a line, written as each event happens (the log backend's
   * default mode is blocking); {@code --audit-log-maxsize=0} because "0 disables rotation" and the
   * default, 100 MB, would rotate the file under a reader counting from an offset.
   */
  static List<String> audit(Path policyFile, Path logFile) {
    return List.of(
        "--audit-policy-file=" + policyFile,
        "--audit-log-path=" + logFile,
        "--audit-log-maxsize=0");
  }
}
