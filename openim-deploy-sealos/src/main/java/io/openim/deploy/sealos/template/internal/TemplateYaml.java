/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template.internal;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** How templates are read and written: plain maps, lists and scalars; block style, no folding. */
public final class TemplateYaml {
  private TemplateYaml() {}

  /** A loader that builds only maps, lists and scalars, whatever tags the text carries. */
  public static Yaml loader() {
    return new Yaml(new SafeConstructor(new LoaderOptions()));
  }

  /**
   * A block-style dumper that never folds a line: our renderer, like Sealos's, replaces expressions
   * line by line, so an expression must never be split across two.
   */
  public static Yaml dumper() {
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
