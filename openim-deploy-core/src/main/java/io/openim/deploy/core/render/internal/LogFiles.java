/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.Component;
import io.openim.deploy.core.render.Release;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * OpenIM's log files, turned off. Besides stdout, OpenIM Server and Chat write
 * {@code openim-service-log.<date>} files to {@code storageLocation}, {@code ../../../../logs/}
 * from the image's working folder, that is {@code /logs} in the container's writable layer, which
 * only grows (open-im-server@v3.8.3-patch.15 and chat@v1.8.4-patch.5 config/log.yml). An empty
 * {@code storageLocation} gives the logger no file core (openimsdk/tools@v0.0.50-alpha.106 and
 * alpha.113 log/zap.go {@code cores}: the file core only when {@code logLocation != ""}; the
 * rotating writer opens nothing until written to, log/file-rotatelogs/rotatelogs.go). An
 * environment variable cannot empty it (spf13/viper@v1.18.2 viper.go getEnv ignores empty
 * values), so each pod mounts a log.yml of ours over the image's, unless the spec replaces it.
 */
public final class LogFiles {
  /** OpenIM Server's log.yml, as the spec's config files name it. */
  public static final String SERVER = "server/log.yml";
  /** OpenIM Chat's log.yml, as the spec's config files name it. */
  public static final String CHAT = "chat/log.yml";

  private LogFiles() {}

  /** The log.yml files openim-deploy supplies: one per release the spec runs and does not replace. */
  static Map<String, String> supplied(RenderContext ctx) {
    Map<String, String> files = new LinkedHashMap<>();
    if (!ctx.spec().configFiles().containsKey(SERVER)) {
      files.put(SERVER, content(ctx.spec().logLevel()));
    }
    boolean chat = ctx.spec().enabledComponents().stream().anyMatch(Component::chat);
    if (chat && !ctx.spec().configFiles().containsKey(CHAT)) {
      files.put(CHAT, content(ctx.spec().logLevel()));
    }
    return files;
  }

  /**
   * Every key of the releases' log.yml (the same at both tags) with its default, but for the
   * location (empty: no files), stdout (on) and the level (the spec's).
   */
  static String content(int logLevel) {
    return "# openim-deploy: OpenIM's log.yml keys with file logging off. An empty storageLocation makes\n"
        + "# the logger write no files; everything goes to stdout.\n"
        + "storageLocation: \"\"\n"
        + "rotationTime: 24\n"
        + "remainRotationCount: 2\n"
        + "remainLogLevel: " + logLevel + "\n"
        + "isStdout: true\n"
        + "isJson: false\n"
        + "isSimplify: true\n";
  }

  /**
   * Where the log.yml of the spec's own for {@code release} has OpenIM write its log files, as an
   * absolute path: {@code storageLocation} resolved against the image's working folder, as the
   * logger opens it (openimsdk/tools log/file-rotatelogs). Empty when the spec supplies no log.yml
   * or its location is empty. The root filesystem is read-only, so each pod mounts an emptyDir there.
   */
  static Optional<String> location(RenderContext ctx, boolean chat, Release release) {
    String content = ctx.spec().configFiles().get(chat ? CHAT : SERVER);
    Object location = content == null ? null : Yamls.mappingOrEmpty(content).get("storageLocation");
    if (location == null || location.toString().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Path.of(release.home()).resolve(location.toString()).normalize().toString());
  }

  /** Warns about a log.yml of the spec's own that still writes files into the pod. */
  public static void warnAboutReplaced(RenderContext ctx) {
    for (String file : new String[] {SERVER, CHAT}) {
      String content = ctx.spec().configFiles().get(file);
      if (content == null) {
        continue;
      }
      Object location = Yamls.mappingOrEmpty(content).get("storageLocation");
      if (location != null && !location.toString().isEmpty()) {
        ctx.warn(file + " from configFiles sets storageLocation " + location + ": OpenIM writes log"
            + " files there besides stdout, in an emptyDir of each pod (the root filesystem is"
            + " read-only), which grows until the node runs short of disk and is lost with the pod;"
            + " leave it empty (\"\") to log to stdout only");
      }
    }
  }
}
