/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.Component;
import java.util.Optional;

/**
 * Whether openim-push sends offline pushes. The release's openim-push.yml says {@code enable: geTui}
 * with a placeholder app id, so every message to an offline user would call getui's REST API
 * (open-im-server@v3.8.3-patch.15 config/openim-push.yml). openim-deploy turns that off unless the
 * spec configures a provider: its own openim-push.yml, or the variable in the push component's env.
 */
public final class OfflinePush {
  /** The spec's config file that, when given, decides offline push. */
  public static final String FILE = "server/openim-push.yml";

  /**
   * The {@code enable} value that gives no offline pusher: open-im-server@v3.8.3-patch.15
   * internal/push/offlinepush/offlinepusher.go lower-cases the value and makes a pusher only for
   * getui, fcm and jpush; anything else gets the dummy one, which logs once and sends nothing. It
   * must not be empty: viper ignores an empty variable (spf13/viper@v1.18.2 viper.go getEnv).
   */
  static final String OFF = "none";

  private OfflinePush() {}

  /** {@code IMENV_OPENIM_PUSH_ENABLE}: overrides {@code enable} in openim-push.yml. */
  static String variable(RenderContext ctx) {
    return OpenImEnv.variable(ctx.line().server().envPrefix(), Component.PUSH.id(), "enable");
  }

  /** The value openim-deploy sets, or empty when the spec configures offline push itself. */
  static Optional<String> override(RenderContext ctx) {
    boolean configured = ctx.spec().configFiles().containsKey(FILE)
        || ctx.spec().component(Component.PUSH).env().containsKey(variable(ctx));
    return configured ? Optional.empty() : Optional.of(OFF);
  }

  /** Says in the plan's warnings how offline push is set, and what turns it on. */
  public static void note(RenderContext ctx) {
    String variable = variable(ctx);
    String fromEnv = ctx.spec().component(Component.PUSH).env().get(variable);
    if (fromEnv != null) {
      ctx.warn("offline push: " + variable + "=" + fromEnv + " from components.push.env decides it"
          + (ctx.spec().configFiles().containsKey(FILE) ? ", over enable in " + FILE : ""));
    } else if (ctx.spec().configFiles().containsKey(FILE)) {
      Object enable = Yamls.mappingOrEmpty(ctx.spec().configFiles().get(FILE)).get("enable");
      ctx.warn("offline push: " + FILE + " from configFiles decides it (enable: "
          + (enable == null ? "not set" : enable) + ")");
    } else {
      ctx.warn("offline push is off (" + variable + "=" + OFF + "): OpenIM's own openim-push.yml"
          + " enables getui with a placeholder app id, which would call getui's API for every message"
          + " to an offline user; to push to phones, give " + FILE + " with your provider's settings"
          + " under configFiles, or set " + variable + " (getui, fcm or jpush) and the provider's keys"
          + " in components.push.env");
    }
  }
}
