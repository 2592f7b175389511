/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.openim.deploy.local.LocalCluster;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JUnit Jupiter extension behind {@link WithLocalCluster}: one {@link LocalCluster} per test
 * JVM, kept in the root context's store so it is closed when the JVM's tests finish, and a fresh
 * namespace per test class or test.
 *
 * @since 0.1
 */
public final class LocalClusterExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private static final Logger LOG = LoggerFactory.getLogger(LocalClusterExtension.class);
  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(LocalClusterExtension.class);

  /** Used by JUnit through {@link WithLocalCluster}. */
  public LocalClusterExtension() {}

  /** The cluster shared by this JVM's tests, started on first use. */
  public static LocalCluster sharedCluster(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(STORE)
        .getOrComputeIfAbsent(
            LocalCluster.class, key -> LocalCluster.builder().start(), LocalCluster.class);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (scope(context) == WithLocalCluster.NamespaceScope.CLASS) {
      createNamespace(context, context.getRequiredTestClass().getSimpleName());
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (scope(context) == WithLocalCluster.NamespaceScope.TEST) {
      createNamespace(context, context.getRequiredTestMethod().getName());
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (scope(context) == WithLocalCluster.NamespaceScope.TEST) {
      deleteNamespace(context);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (scope(context) == WithLocalCluster.NamespaceScope.CLASS) {
      deleteNamespace(context);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == LocalCluster.class || type == ApiClient.class || type == TestNamespace.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == LocalCluster.class) {
      return sharedCluster(context);
    }
    if (type == ApiClient.class) {
      return adminClient(context);
    }
    return namespace(context)
        .orElseThrow(
            () ->
                new ParameterResolutionException(
                    "No test namespace exists yet for "
                        + parameter.getDeclaringExecutable()
                        + ": with namespace = TEST, ask for TestNamespace in test methods or"
                        + " @BeforeEach/@AfterEach, not in constructors or @BeforeAll"));
  }

  private static ApiClient adminClient(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(STORE)
        .getOrComputeIfAbsent(
            ApiClient.class, key -> sharedCluster(context).newAdminClient(), ApiClient.class);
  }

  private static void createNamespace(ExtensionContext context, String prefix) {
    String name = sharedCluster(context).createNamespace(prefix);
    context.getStore(STORE).put(TestNamespace.class, new TestNamespace(name));
  }

  private static Optional<TestNamespace> namespace(ExtensionContext context) {
    for (Optional<ExtensionContext> c = Optional.of(context);
        c.isPresent();
        c = c.get().getParent()) {
      TestNamespace found = c.get().getStore(STORE).get(TestNamespace.class, TestNamespace.class);
      if (found != null) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  private static void deleteNamespace(ExtensionContext context) {
    TestNamespace namespace = context.getStore(STORE).remove(TestNamespace.class, TestNamespace.class);
    if (namespace == null) {
      return;
    }
    try {
      new CoreV1Api(adminClient(context)).deleteNamespace(namespace.name()).execute();
    } catch (ApiException e) {
      LOG.warn("could not delete test namespace {}: {}", namespace, e.getResponseBody());
    }
  }

  private static WithLocalCluster.NamespaceScope scope(ExtensionContext context) {
    Optional<AnnotatedElement> element =
        context.getTestClass().map(AnnotatedElement.class::cast);
    return element
        .flatMap(e -> AnnotationSupport.findAnnotation(e, WithLocalCluster.class))
        .map(WithLocalCluster::namespace)
        .orElse(WithLocalCluster.NamespaceScope.CLASS);
  }
}
