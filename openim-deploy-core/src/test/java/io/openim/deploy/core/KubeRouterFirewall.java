/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.local.internal.GoToolBuild;
import io.openim.deploy.local.internal.ImageBuild;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A NetworkPolicy enforcer for the local cluster's real node, for tests only: kube-router's
 * network-policy controller alone (no routing, no service proxy), a host process next to the
 * kubelet that writes iptables rules and ipsets. kube-router v2.1.0 is the only version the Go
 * module proxy serves here and is reported to have security flaws: acceptable only as a test
 * enforcer on an isolated machine, never in anything we ship. (sigs.k8s.io/kube-network-policies
 * needs nftables' queue, which this kernel lacks.) Built from the Go module proxy like the test
 * images' Go programs ({@link GoToolBuild}), into {@code ~/.cache/openim-deploy/test-tools}.
 */
final class KubeRouterFirewall implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubeRouterFirewall.class);
  static final String PACKAGE = "github.com/cloudnativelabs/kube-router/v2/cmd/kube-router";
  static final String VERSION = "v2.1.0";
  /**
   * The prefixes of kube-router's chains and ipsets (pkg/controllers/netpol/network_policy_controller.go
   * at v2.1.0: kubePodFirewallChainPrefix, kubeNetworkPolicyChainPrefix, kubeSourceIPSetPrefix,
   * kubeDestinationIPSetPrefix, kubeInputChainName and its FORWARD and OUTPUT siblings).
   */
  private static final String CLEANUP = """
      for chain in INPUT FORWARD OUTPUT; do
        while iptables -t filter -D "$chain" -j "KUBE-ROUTER-$chain" 2>/dev/null; do :; done
        while iptables -t filter -S "$chain" | grep -q -- "-j KUBE-ROUTER-$chain"; do
          rule=$(iptables -t filter -S "$chain" | grep -- "-j KUBE-ROUTER-$chain" | head -1 | sed 's/^-A /-D /')
          eval iptables -t filter $rule || break
        done
      done
      chains=$(iptables -t filter -S | sed -n 's/^-N \\(KUBE-ROUTER-[A-Z]*\\|KUBE-NWPLCY-[A-Z0-9]*\\|KUBE-POD-FW-[A-Z0-9]*\\)$/\\1/p')
      for c in $chains; do iptables -t filter -F "$c"; done
      for c in $chains; do iptables -t filter -X "$c"; done
      for s in $(ipset list -n | grep -E '^(KUBE-SRC-|KUBE-DST-|kube-router-)'); do ipset destroy "$s"; done
      ! iptables-save | grep -q 'KUBE-ROUTER\\|KUBE-NWPLCY\\|KUBE-POD-FW'
      """;

  private static final GoToolBuild BUILD = new GoToolBuild("kube-router", PACKAGE, VERSION, "kube-router",
      List.of(), Map.of(), "five to ten minutes");

  private final Process process;
  private final Path log;

  private KubeRouterFirewall(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Why the enforcer cannot run here, if it cannot: the programs it calls are missing. */
  static Optional<String> unavailable() {
    List<String> missing = new ArrayList<>();
    for (String program : List.of("ipset", "iptables", "iptables-save", "iptables-restore")) {
      if (!onPath(program)) {
        missing.add(program);
      }
    }
    return missing.isEmpty() ? Optional.empty() : Optional.of("kube-router's network-policy controller needs "
        + String.join(", ", missing) + " on PATH (Debian: apt-get install ipset iptables)");
  }

  /** Builds kube-router once (a few minutes), then starts it for {@code node}; logs go to {@code logDir}. */
  static KubeRouterFirewall start(Path kubeconfig, String node, Path logDir) throws IOException {
    Path cache = ImageBuild.defaultCache(System.getenv(), System.getProperties()).resolveSibling("test-tools");
    Path binary = BUILD.binary(cache, System.getenv(), LOG::info);
    Path log = logDir.resolve("kube-router.log");
    Files.createDirectories(logDir);
    List<String> command = List.of(binary.toString(), "--kubeconfig=" + kubeconfig, "--hostname-override=" + node,
        "--run-firewall=true", "--run-router=false", "--run-service-proxy=false", "--enable-cni=false",
        // the local cluster's Service range (openim-deploy-local ClusterProcesses)
        "--service-cluster-ip-range=10.96.0.0/16", "--health-port=0", "--v=2");
    LOG.info("starting kube-router's network-policy controller: {}", command);
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    return new KubeRouterFirewall(process, log);
  }

  /** The controller's log so far. */
  String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Stops the controller and removes every chain, rule and ipset it made. */
  @Override
  public void close() throws IOException {
    int exit;
    String out;
    try {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      Process cleanup = new ProcessBuilder("bash", "-c", CLEANUP).redirectErrorStream(true).start();
      out = new String(cleanup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      exit = cleanup.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while stopping kube-router and removing its rules");
    }
    if (exit != 0) {
      throw new IllegalStateException("kube-router's iptables rules or ipsets are still on this machine after"
          + " cleanup; remove the KUBE-ROUTER-*, KUBE-NWPLCY-*, KUBE-POD-FW-* chains and KUBE-SRC-*/KUBE-DST-* ipsets"
          + " by hand. Output: " + out);
    }
  }

  private static boolean onPath(String program) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":", -1))
        .anyMatch(entry -> !entry.isEmpty() && Files.isExecutable(Path.of(entry, program)));
  }
}
