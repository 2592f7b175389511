/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.ReleaseRef;
import io.openim.deploy.SecretKey;
import io.openim.deploy.core.render.internal.ChatAdminJob;
import io.openim.deploy.core.render.internal.Names;
import java.util.List;
import java.util.Objects;

/**
 * What an operator needs to let people into a release's chat, said without the values: which key
 * of the credentials Secret holds each, and the command that reads it. Chat's admin account logs
 * in with {@link SecretKey#CHAT_ADMIN_PASSWORD}; without SMS or mail, chat accepts no verification
 * code but {@link SecretKey#CHAT_SUPER_CODE} (chat v1.8.4-patch.5 internal/rpc/chat/login.go
 * verifyCode), so signing up needs it.
 *
 * @since 0.1
 */
public final class ReleaseAccess {
  private ReleaseAccess() {}

  /**
   * The lines to show for {@code release} when it runs chat: one per credential, none holding a
   * secret.
   */
  public static List<String> chat(ReleaseRef release) {
    Objects.requireNonNull(release, "release");
    return List.of(
        "chat admin login (admin web page, admin-api /account/login): account " + ChatAdminJob.ACCOUNT
            + ", password in Secret key " + SecretKey.CHAT_ADMIN_PASSWORD.secretKey() + ": "
            + read(release, SecretKey.CHAT_ADMIN_PASSWORD),
        "chat sign-up verification code (superCode; without SMS or mail the only code chat accepts), in"
            + " Secret key " + SecretKey.CHAT_SUPER_CODE.secretKey() + ": " + read(release, SecretKey.CHAT_SUPER_CODE));
  }

  /** The command that prints one credential of {@code release}. */
  public static String read(ReleaseRef release, SecretKey key) {
    return "kubectl -n " + release.namespace() + " get secret " + Names.credentials(release.release())
        + " -o jsonpath='{.data." + key.secretKey() + "}' | base64 -d";
  }

  /** Whether a release whose workloads have these names runs chat's admin API. */
  public static boolean runsChat(ReleaseRef release, List<String> workloads) {
    return workloads.contains(release.release() + "-admin-api");
  }
}
