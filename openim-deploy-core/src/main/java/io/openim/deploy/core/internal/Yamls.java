/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.internal;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The two ways openim-deploy reads and writes YAML files people look at. */
public final class Yamls {
  private Yamls() {}

  /** A loader that builds only plain maps, lists and scalars, whatever tags the text carries. */
  public static Yaml safeLoader() {
    return new Yaml(new SafeConstructor(new LoaderOptions()));
  }

  /** A dumper for files people read and diff: block style, two-space indent, no line folding. */
  public static Yaml blockDumper() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(0);
    options.setWidth(Integer.MAX_VALUE);
    options.setSplitLines(false);
    options.setLineBreak(DumperOptions.LineBreak.UNIX);
    return new Yaml(options);
  }
}
