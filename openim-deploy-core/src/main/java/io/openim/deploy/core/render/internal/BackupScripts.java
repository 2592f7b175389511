/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The shell scripts the Jobs run (backup, restore, chat admin), kept as resources so tests run them too. */
public final class BackupScripts {
  private static final String MANIFEST = load("backup-manifest.sh");
  private static final String CHAT_ADMIN_PASSWORD = load("chat-admin-password.sh");

  private BackupScripts() {}

  /**
   * Writes ({@code write DIR ID RELEASE VERSION}) or verifies ({@code verify DIR}) a backup's
   * MANIFEST; run as {@code sh -c SCRIPT manifest ARGS...}.
   */
  public static String manifest() {
    return MANIFEST;
  }

  /**
   * Replaces chat's published admin password with the credentials Secret's and proves the
   * published login is refused; see {@link ChatAdminJob}.
   */
  public static String chatAdminPassword() {
    return CHAT_ADMIN_PASSWORD;
  }

  private static String load(String name) {
    try (InputStream in = BackupScripts.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the openim-deploy-core jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
