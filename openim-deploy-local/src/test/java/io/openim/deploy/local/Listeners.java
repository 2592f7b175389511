/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Reads, from /proc, the TCP addresses that given processes listen on (Linux only). */
final class Listeners {
  private Listeners() {}

  /** Listening addresses as {@code ip:port}; IPv6 ones as {@code [hex]:port}. */
  static Set<String> of(List<Long> pids) throws IOException {
    Set<String> inodes = new HashSet<>();
    for (long pid : pids) {
      try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
        fds.forEach(
            fd -> {
              try {
                String target = Files.readSymbolicLink(fd).toString();
                if (target.startsWith("socket:[")) {
                  inodes.add(target.substring(8, target.length() - 1));
                }
              } catch (IOException e) {
                // the descriptor closed while we looked
              }
            });
      }
    }
    Set<String> listening = new TreeSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      if (!Files.exists(path)) {
        continue;
      }
      List<String> lines = Files.readAllLines(path);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        // f[1] local address, f[3] state (0A = LISTEN), f[9] inode
        if ("0A".equals(f[3]) && inodes.contains(f[9])) {
          listening.add(decode(f[1]));
        }
      }
    }
    return listening;
  }

  private static String decode(String hexAddress) {
    String[] parts = hexAddress.split(":");
    int port = Integer.parseInt(parts[1], 16);
    String ip = parts[0];
    if (ip.length() == 8) {
      long v = Long.parseLong(ip, 16);
      return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff)
          + ":" + port;
    }
    return "[" + ip + "]:" + port;
  }
}
