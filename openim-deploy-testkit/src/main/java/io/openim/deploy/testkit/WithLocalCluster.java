/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the {@link io.openim.deploy.local.LocalCluster} shared by the whole
 * test JVM.
 *
 * <p>The cluster starts on first use and stops when the JVM's tests are done. Each test class, or
 * each test with {@link NamespaceScope#TEST}, gets a fresh namespace that is deleted afterwards.
 * Test methods, constructors and lifecycle methods may declare parameters of type {@link
 * io.openim.deploy.local.LocalCluster}, {@link io.kubernetes.client.openapi.ApiClient} (a cluster
 * admin) and {@link TestNamespace}.
 *
 * <pre>{@code
 * @WithLocalCluster
 * class MyTest {
 *   @Test
 *   void deploys(ApiClient client, TestNamespace namespace) { ... }
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LocalClusterExtension.class)
public @interface WithLocalCluster {
  /** Whether a namespace is shared by the class's tests or made for each test. */
  NamespaceScope namespace() default NamespaceScope.CLASS;

  /**
   * How long a namespace made for a test class or test lives.
   *
   * @since 0.1
   */
  enum NamespaceScope {
    /** One namespace for all tests of the class. */
    CLASS,
    /** A new namespace for each test. */
    TEST
  }
}
