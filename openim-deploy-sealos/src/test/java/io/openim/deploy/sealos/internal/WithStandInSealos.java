/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.internal;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Tests against a fresh {@link StandInSealos} in a folder of their own. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "sealos runs on Linux only, and the stand-in reads the host name as Linux has it")
abstract class WithStandInSealos {
  @TempDir Path dir;
  StandInSealos sealos;

  @BeforeEach
  void standIn() {
    sealos = new StandInSealos(dir);
  }
}
