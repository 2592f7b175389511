/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import java.util.Objects;

/**
 * The namespace {@link WithLocalCluster} made for the running test class or test.
 *
 * @param name the namespace's name
 * @since 0.1
 */
public record TestNamespace(String name) {
  /** Checks that the name is given. */
  public TestNamespace {
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return name;
  }
}
