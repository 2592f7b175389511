/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A process of this machine as {@code /proc} shows it: the real node's containers run here, so a
 * test can see the user a containerized program runs as and whether its root filesystem is
 * mounted read-only, from outside the container.
 *
 * @param pid the process id
 * @param command its command line, arguments joined by spaces
 * @param uid its real user id ({@code Uid:} of {@code /proc/<pid>/status})
 * @param rootReadOnly whether {@code /} is mounted read-only in its mount namespace
 */
record HostProcess(long pid, String command, int uid, boolean rootReadOnly) {
  /**
   * The processes of the pod with UID {@code podUid} (kubelet puts them in a cgroup named after it)
   * whose command line has an argument that is {@code program}, ends in {@code /program} or starts
   * with {@code program} and a space (Redis rewrites its title so).
   */
  static List<HostProcess> named(String program, String podUid) throws IOException {
    List<HostProcess> found = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      for (Path dir : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String[] args = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8).split("\0");
          boolean matches = Stream.of(args).anyMatch(a -> a.equals(program) || a.endsWith("/" + program)
              || a.startsWith(program + " "));
          String cgroup = Files.readString(dir.resolve("cgroup"));
          if (!matches || !(cgroup.contains("pod" + podUid) || cgroup.contains("pod" + podUid.replace('-', '_')))) {
            continue;
          }
          int uid = Files.readAllLines(dir.resolve("status")).stream().filter(l -> l.startsWith("Uid:"))
              .map(l -> Integer.parseInt(l.split("\\s+")[1])).findFirst().orElse(-1);
          boolean readOnly = Files.readAllLines(dir.resolve("mounts")).stream().map(l -> l.split(" "))
              .filter(f -> f.length > 3 && f[1].equals("/")).reduce((a, b) -> b)
              .map(f -> List.of(f[3].split(",")).contains("ro")).orElse(false);
          found.add(new HostProcess(Long.parseLong(dir.getFileName().toString()), String.join(" ", args), uid, readOnly));
        } catch (IOException | RuntimeException gone) {
          // the process ended while it was read
        }
      }
    }
    return found;
  }

  @Override
  public String toString() {
    return "process " + pid + " (" + (command.length() > 80 ? command.substring(0, 80) + "..." : command) + ")";
  }
}
