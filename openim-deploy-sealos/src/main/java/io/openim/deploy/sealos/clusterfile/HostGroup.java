/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a Clusterfile's {@code spec.hosts}: hosts that share their roles, architecture and
 * env (docs/sealos.md). sealos writes the architecture among the roles; here it is a field of its
 * own and {@code roles} holds the roles proper.
 *
 * <p>Each address is an IP literal, IPv4 or IPv6, optionally with the SSH port: {@code 10.0.0.11},
 * {@code 10.0.0.11:2222}, {@code fd00::11}, {@code [fd00::11]:2222} ({@link #address(String, int)}
 * writes one). sealos wants IPs, not host names. The values are checked when the {@link
 * Clusterfile} holding the group is built.
 *
 * @param ips the hosts' addresses ({@code ips})
 * @param roles what the hosts are; at least one
 * @param arch their CPU architecture
 * @param env {@code KEY=VALUE} settings for these hosts only
 * @since 0.3
 */
public record HostGroup(List<String> ips, List<Role> roles, Arch arch, List<String> env) {
  /** Checks the parts and copies the lists. */
  public HostGroup {
    ips = List.copyOf(ips);
    roles = List.copyOf(roles);
    Objects.requireNonNull(arch, "arch");
    env = List.copyOf(env);
  }

  /** Control-plane hosts of architecture {@code arch}, without env. */
  public static HostGroup masters(Arch arch, List<String> ips) {
    return new HostGroup(ips, List.of(Role.MASTER), arch, List.of());
  }

  /** Worker hosts of architecture {@code arch}, without env. */
  public static HostGroup nodes(Arch arch, List<String> ips) {
    return new HostGroup(ips, List.of(Role.NODE), arch, List.of());
  }

  /**
   * The address of the host {@code ip} with SSH on {@code port}: {@code ip:port}, or {@code
   * [ip]:port} for an IPv6 literal so the port cannot be read as part of the address.
   */
  public static String address(String ip, int port) {
    Objects.requireNonNull(ip, "ip");
    return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
  }
}
