/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.helm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Workspace: where Helm's kubeconfig and values wait, for their owner's eyes only")
class WorkspaceTest {
  @Test
  @DisplayName("the folder, the kubeconfig and every private file are owner-only, and all are gone once closed")
  void ownerOnlyAndRemoved() throws Exception {
    Path dir;
    Path values;
    Path kubeconfig;
    try (Workspace work = Workspace.create("apiVersion: v1\nkind: Config\n")) {
      dir = work.dir();
      kubeconfig = work.kubeconfig();
      values = work.writePrivate("credentials.yaml", "credentials:\n  redis-password: not-for-others\n");
      // written again, as rollback does after rebuilding a chart: still owner-only
      work.writePrivate("credentials.yaml", "credentials:\n  redis-password: still-not-for-others\n");

      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(values))).isEqualTo("rw-------");
      assertThat(values).hasContent("credentials:\n  redis-password: still-not-for-others\n");
    }
    assertThat(values).doesNotExist();
    assertThat(kubeconfig).doesNotExist();
    assertThat(dir).doesNotExist();
  }
}
