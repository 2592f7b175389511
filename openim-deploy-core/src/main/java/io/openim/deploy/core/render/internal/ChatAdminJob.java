/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.Component;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.SecretKey;
import java.util.List;
import java.util.Map;

/**
 * The Job that takes chat's published admin login away. admin-rpc creates the account {@code
 * chatAdmin} with the password md5("chatAdmin") on its first start (chat v1.8.4-patch.5
 * internal/rpc/admin/start.go initAdmin), which anyone can look up; the Job logs in with it through
 * admin-api, changes it to the credentials Secret's {@code chat-admin-password}, and fails unless
 * admin-api then refuses the published login. It runs with chat (phase CHAT), waiting for admin-api
 * itself, so the Ingress that publishes admin-api comes only after it; run again, it finds the new
 * password in place and only checks.
 *
 * <p>The new password is stored as md5 in hex, as the published one is, so the admin web page
 * takes the Secret's value as typed: OpenIM's quick-start guide gives the page's default login as
 * chatAdmin / chatAdmin while admin-rpc stores md5("chatAdmin"), so the page sends the md5 of what
 * is typed (inference; the page's source is not public).
 */
public final class ChatAdminJob {
  /** The admin account chat creates (chat v1.8.4-patch.5 config/share.yml chatAdmin). */
  public static final String ACCOUNT = "chatAdmin";

  /** The value of label app.kubernetes.io/component on the Job and its pod. */
  public static final String PURPOSE = "chat-admin-password";

  // under the engine's default per-object timeout of 5 min, so the Job reports before up gives up
  private static final int WAIT_SECONDS = 240;
  private static final int POLL_SECONDS = 5;

  private final RenderContext ctx;

  /** Whether {@code manifest} is this Job, which needs chat running. */
  public static boolean is(Manifest manifest) {
    return manifest.kind().equals("Job") && manifest.body().get("metadata") instanceof Map<?, ?> metadata
        && metadata.get("labels") instanceof Map<?, ?> labels && PURPOSE.equals(labels.get("app.kubernetes.io/component"));
  }

  public ChatAdminJob(RenderContext ctx) {
    this.ctx = ctx;
  }

  /** The Job, when chat's admin API and admin RPC are deployed; else nothing. */
  public List<Manifest> render() {
    if (!ctx.spec().component(Component.ADMIN_API).enabled() || !ctx.spec().component(Component.ADMIN_RPC).enabled()) {
      return List.of();
    }
    Names names = ctx.names();
    String script = BackupScripts.chatAdminPassword();
    String url = "http://" + names.of(Component.ADMIN_API) + ":" + ctx.line().ports(Component.ADMIN_API).get("http");
    Map<String, Object> container = Tree.map(
        "name", PURPOSE,
        // the chat image: alpine, so busybox sh, wget and md5sum (chat v1.8.4-patch.5 Dockerfile)
        "image", ctx.image(ctx.line().chat().image()),
        "command", Tree.list("sh", "-c", script),
        "env", Tree.list(
            Tree.map("name", "ADMIN_API", "value", url),
            Tree.map("name", "ADMIN_ACCOUNT", "value", ACCOUNT),
            PodParts.secretEnv("NEW_PASSWORD", names.credentials(), SecretKey.CHAT_ADMIN_PASSWORD.secretKey()),
            Tree.map("name", "WAIT_SECONDS", "value", Integer.toString(WAIT_SECONDS)),
            Tree.map("name", "POLL_SECONDS", "value", Integer.toString(POLL_SECONDS))),
        "resources", Tree.map("requests", Tree.map("cpu", "10m", "memory", "16Mi")),
        "securityContext", PodParts.containerSecurity(),
        // the script's request bodies (mktemp in TMPDIR, /tmp), the root filesystem being read-only
        "volumeMounts", Tree.list(Tree.map("name", "tmp", "mountPath", "/tmp")));
    // a Job's template cannot change: its name follows what it does
    String name = ctx.spec().release() + "-" + PURPOSE + "-" + Digest.sha256(8, script, container.toString());
    // not part-of openim-chat: its pod is no chat pod to wait for when OpenIM stops, and no
    // selector of a chat Service matches it
    Map<String, Object> labels = names.labels();
    labels.put("app.kubernetes.io/name", PURPOSE);
    labels.put("app.kubernetes.io/component", PURPOSE);
    return List.of(new Manifest(Phase.CHAT, "batch/v1", "Job", ctx.spec().namespace(), name,
        Tree.object("batch/v1", "Job", names.metadata(name, labels), "spec", Tree.map(
            "backoffLimit", 2,
            // bounds a request that hangs, which the script cannot time out with busybox's wget
            "activeDeadlineSeconds", 3 * WAIT_SECONDS,
            "template", Tree.map(
                "metadata", Tree.map("labels", labels),
                "spec", PodParts.jobPod(ctx, "Never", PodParts.facts(ctx.line().chat().image()),
                    "containers", Tree.list(container), "volumes", Tree.list(PodParts.emptyDir("tmp"))))))));
  }
}
