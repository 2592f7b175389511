/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.DependencyKind;
import io.openim.deploy.Dependency;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The release's Secret (every credential, under stable keys) and the ConfigMap of the config files
 * that replace the images' own (the spec's, and the log.yml files openim-deploy supplies). Workloads read both by reference, so no credential appears in a Deployment.
 */
public final class Credentials {
  private final RenderContext ctx;

  public Credentials(RenderContext ctx) {
    this.ctx = ctx;
  }

  /** The key under which an external dependency's password is stored. */
  public static String externalPasswordKey(DependencyKind kind) {
    return kind.key() + "-external-password";
  }

  public List<Manifest> render() {
    Names names = ctx.names();
    Map<String, Object> data = new LinkedHashMap<>();
    // only what the spec uses: an external dependency's in-cluster passwords are not generated
    ctx.spec().secrets().forEach((key, value) -> data.put(key.secretKey(), value));
    for (DependencyKind kind : DependencyKind.values()) {
      if (ctx.spec().dependency(kind) instanceof Dependency.External e && e.password() != null) {
        data.put(externalPasswordKey(kind), e.password());
      }
    }
    Manifest secret = new Manifest(Phase.CONFIGURATION, "v1", "Secret", ctx.spec().namespace(),
        names.credentials(),
        Tree.object("v1", "Secret", names.metadata(names.credentials(), names.labels()),
            "type", "Opaque", "stringData", data));
    if (ctx.configFiles().isEmpty()) {
      return List.of(secret);
    }
    Map<String, Object> files = new LinkedHashMap<>();
    ctx.configFiles().forEach((name, content) -> files.put(configMapKey(name), content));
    Manifest configMap = new Manifest(Phase.CONFIGURATION, "v1", "ConfigMap", ctx.spec().namespace(),
        names.configFiles(),
        Tree.object("v1", "ConfigMap", names.metadata(names.configFiles(), names.labels()),
            "data", files));
    return List.of(secret, configMap);
  }

  /** {@code server/openim-push.yml} becomes the ConfigMap key {@code server.openim-push.yml}. */
  public static String configMapKey(String configFile) {
    return configFile.replace('/', '.');
  }
}
