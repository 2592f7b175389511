/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile;

import java.util.Locale;

/**
 * The CPU architecture of a {@link HostGroup}'s hosts. sealos reads it from the group's {@code
 * roles}, next to the roles proper (docs/sealos.md).
 *
 * @since 0.3
 */
public enum Arch {
  /** x86-64. */
  AMD64,
  /** 64-bit ARM. */
  ARM64;

  /** The word sealos reads among the roles: {@code amd64} or {@code arm64}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The platform as {@code sealos build --platform} takes it: {@code linux/amd64} or {@code linux/arm64}. */
  public String platform() {
    return "linux/" + value();
  }
}
