/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks free TCP ports for the cluster's servers, outside the kernel's ephemeral range ({@code
 * net.ipv4.ip_local_port_range}, 32768 to 60999 by default). Every outgoing connection takes a port
 * from that range, so a port picked there (as {@code new ServerSocket(0)} does) can be taken by a
 * connection before the server binds it: a rehearsal saw kubelet fail with "bind: address already
 * in use" on a port its own connections to the API server had taken on the node address.
 */
public final class FreePorts {
  private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int LOWEST = 15000;
  private static final int ATTEMPTS = 200;

  private FreePorts() {}

  /**
   * Returns {@code count} distinct ports that were free on 127.0.0.1 a moment ago, outside the
   * ephemeral range. All sockets are held open until every port is chosen, so the same port is
   * never handed out twice.
   */
  public static List<Integer> loopback(int count) {
    int[] range = candidates();
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int attempt = 0; ports.size() < count && attempt < ATTEMPTS; attempt++) {
        int port = ThreadLocalRandom.current().nextInt(range[0], range[1]);
        try {
          ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
          sockets.add(socket);
          ports.add(port);
        } catch (IOException taken) {
          // in use: try another
        }
      }
      if (ports.size() < count) {
        throw new UncheckedIOException(new IOException("no " + count + " free ports on 127.0.0.1 between " + range[0]
            + " and " + (range[1] - 1) + " after " + ATTEMPTS + " attempts"));
      }
      return List.copyOf(ports);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // the port stays free either way
        }
      }
    }
  }

  /** A /proc file's text: read as a stream, since /proc reports a size of 0. */
  static String read(Path file) throws IOException {
    try (var in = Files.newInputStream(file)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  /** The ports to pick from, [from, to): below the ephemeral range, or above it when that leaves too few. */
  static int[] candidates() {
    int low = 32768;
    int high = 60999;
    try {
      String[] parts = FreePorts.read(RANGE).trim().split("\\s+");
      low = Integer.parseInt(parts[0]);
      high = Integer.parseInt(parts[1]);
    } catch (IOException | RuntimeException e) {
      // not Linux, or unreadable: assume the default range
    }
    if (low - LOWEST >= 1000) {
      return new int[] {LOWEST, low};
    }
    if (65535 - high >= 1000) {
      return new int[] {high + 1, 65536};
    }
    return new int[] {LOWEST, 65536}; // the ephemeral range covers nearly everything: take what is free
  }
}
