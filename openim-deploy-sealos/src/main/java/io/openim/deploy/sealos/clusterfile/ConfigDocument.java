/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile;

import java.util.Locale;
import java.util.Objects;

/**
 * A {@code Config} document of a Clusterfile ({@code apps.sealos.io/v1beta1}, kind {@code
 * Config}): it changes the file at {@code path} inside the image {@code match} names, by {@code
 * strategy}, with {@code data} (docs/sealos.md). It follows the Cluster document in the file.
 *
 * <p>The values are checked when the {@link Clusterfile} holding them is built: {@code match}
 * must be one of the cluster's images, {@code path} relative to the image's root.
 *
 * @param name its {@code metadata.name}
 * @param match the image whose file it changes, exactly as in {@link Clusterfile#images()}
 * @param strategy how {@code data} is combined with the file
 * @param path the file inside the image, relative, for example {@code charts/cilium/values.yaml}
 * @param data what is merged, inserted, appended or put in place of the file
 * @since 0.3
 */
public record ConfigDocument(String name, String match, Strategy strategy, String path, String data) {
  /** Checks that every part is given. */
  public ConfigDocument {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(data, "data");
  }

  /**
   * How a {@link ConfigDocument}'s data is combined with the file it names: sealos knows exactly
   * these four (docs/sealos.md).
   *
   * @since 0.3
   */
  public enum Strategy {
    /** Merged into the file (YAML). */
    MERGE,
    /** Put in place of the file. */
    OVERRIDE,
    /** Inserted into the file. */
    INSERT,
    /** Appended to the file. */
    APPEND;

    /** The word sealos reads: {@code merge}, {@code override}, {@code insert} or {@code append}. */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
