/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Docker config files ({@code ~/.docker/config.json}) for the image-check tests. */
public final class DockerConfigs {
  private DockerConfigs() {}

  /** A config that logs {@code user} in to the registry at {@code host} with {@code password}. */
  public static String login(String host, String user, String password) {
    String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return "{\"auths\":{\"" + host + "\":{\"auth\":\"" + auth + "\"}}}";
  }
}
