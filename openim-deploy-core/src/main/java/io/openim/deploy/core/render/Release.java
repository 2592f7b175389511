/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import io.openim.deploy.Component;
import java.util.Objects;

/**
 * One OpenIM release inside a version line: its all-in-one image and where things are inside it.
 *
 * @param image the image reference, registry included
 * @param version the release tag
 * @param home the image's working folder
 * @param binaries the folder of the process binaries, relative to {@code home}; may hold one
 *     {@code *} for the architecture
 * @param config the config folder, relative to {@code home}
 * @param envPrefix the prefix of environment overrides ({@code IMENV_})
 * @since 0.1
 */
public record Release(
    String image, String version, String home, String binaries, String config, String envPrefix) {
  /** Checks every part is given. */
  public Release {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(binaries, "binaries");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(envPrefix, "envPrefix");
  }

  /** The absolute path of a component's binary; may hold a {@code *} for the shell to expand. */
  public String binary(Component component) {
    return home + "/" + binaries + "/" + component.id();
  }

  /** The absolute path of the config folder, with a trailing slash. */
  public String configFolder() {
    String folder = home + "/" + config;
    return folder.endsWith("/") ? folder : folder + "/";
  }
}
