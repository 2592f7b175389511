/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a real node may change on the host, read from the host itself: iptables rules of every
 * table (IPv4 and IPv6, without counters), network links and addresses, routes, mount points, the
 * sysctls the node's processes set, the top-level cgroups, the host folders containerd and the CNI
 * plugins write to, and containerd's shim sockets. Two snapshots compare equal when the host was left as it was found.
 */
record HostSnapshot(Map<String, List<String>> parts) {
  static final List<String> SYSCTLS =
      List.of(
          "net/ipv4/ip_forward",
          "net/ipv4/conf/all/forwarding",
          "net/ipv4/conf/all/route_localnet",
          "vm/overcommit_memory",
          "kernel/panic",
          "kernel/panic_on_oops",
          "net/netfilter/nf_conntrack_max",
          "net/netfilter/nf_conntrack_tcp_timeout_established",
          "net/netfilter/nf_conntrack_tcp_timeout_close_wait",
          "net/bridge/bridge-nf-call-iptables");

  static HostSnapshot take() throws IOException, InterruptedException {
    Map<String, List<String>> parts = new TreeMap<>();
    for (String tool : List.of("iptables-save", "ip6tables-save")) {
      parts.put(
          tool,
          run(tool).stream()
              .filter(line -> !line.startsWith("#"))
              .map(line -> line.startsWith(":") ? line.replaceAll(" \\[\\d+:\\d+\\]$", "") : line)
              .toList());
    }
    parts.put("links", run("ip", "-o", "link", "show").stream().map(HostSnapshot::linkName).toList());
    parts.put("addresses", run("ip", "-o", "addr", "show"));
    parts.put("routes", run("ip", "route", "show", "table", "all"));
    parts.put(
        "mounts",
        Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().map(line -> line.split(" ")[4]).sorted().toList());
    List<String> sysctls = new ArrayList<>();
    for (String name : SYSCTLS) {
      Path file = Path.of("/proc/sys", name);
      sysctls.add(name + "=" + (Files.exists(file) ? Files.readString(file).strip() : "absent"));
    }
    parts.put("sysctls", sysctls);
    List<String> cgroups = new ArrayList<>();
    try (Stream<Path> controllers = Files.list(Path.of("/sys/fs/cgroup"))) {
      for (Path controller : controllers.sorted().toList()) {
        if (Files.isDirectory(controller)) {
          try (Stream<Path> children = Files.list(controller)) {
            children.filter(Files::isDirectory).map(Path::toString).sorted().forEach(cgroups::add);
          }
        }
      }
    }
    parts.put("cgroups", cgroups);
    List<String> folders = new ArrayList<>();
    for (String folder : List.of("/run/containerd", "/var/lib/cni", "/var/lib/kubelet", "/var/log/pods",
        "/tmp/kwok-local-path-provisioner", "/run/openim-deploy/real-node.state")) {
      folders.add(folder + (Files.exists(Path.of(folder)) ? " present" : " absent"));
    }
    parts.put("files", folders);
    Path shims = Path.of("/run/containerd/s");
    if (Files.isDirectory(shims)) {
      try (Stream<Path> sockets = Files.list(shims)) {
        parts.put("shim sockets", sockets.map(Path::toString).sorted().toList());
      }
    }
    return new HostSnapshot(parts);
  }

  private static String linkName(String line) {
    String[] fields = line.split(": ", 3);
    return fields.length > 1 ? fields[1] : line;
  }

  private static List<String> run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8).lines().toList();
  }
}
