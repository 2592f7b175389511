/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Free ports for the cluster's servers, outside the range outgoing connections take")
class FreePortsTest {
  @Test
  @DisplayName("distinct, bindable, and outside this machine's ephemeral range")
  void outsideEphemeralRange() throws Exception {
    List<Integer> ports = FreePorts.loopback(20);

    assertThat(ports).hasSize(20).doesNotHaveDuplicates();
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    if (Files.isReadable(range)) {
      String[] parts = FreePorts.read(range).trim().split("\\s+");
      int low = Integer.parseInt(parts[0]);
      int high = Integer.parseInt(parts[1]);
      assertThat(ports).as("the kernel's ephemeral range %d-%d", low, high).noneMatch(p -> p >= low && p <= high);
    }
    for (int port : ports) {
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertThat(socket.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  @DisplayName("the candidates are below the default ephemeral range")
  void candidates() {
    int[] range = FreePorts.candidates();
    assertThat(range[0]).isLessThan(range[1]);
    assertThat(range[1] - range[0]).isGreaterThanOrEqualTo(1000);
  }
}
