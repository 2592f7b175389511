/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * openim-deploy's front door ({@link io.openim.deploy.core.OpenImDeploy}), the Kubernetes provider
 * and the engine that providers reuse: rendering ({@code core.render}), apply and wait ({@code
 * core.engine}), the chart export ({@code core.chart}), backup and restore ({@code core.data}),
 * migration ({@code core.migrate}) and image checks ({@code core.images}). Its {@code internal}
 * packages are not exported.
 *
 * <p>On the module path client-java 27.0.0, which has no module descriptor of its own
 * (https://github.com/kubernetes-client/java/issues/2656), needs two options on the {@code java}
 * command line: {@code --add-exports okhttp3/okhttp3.internal.tls=io.kubernetes.client.java.api},
 * as its {@code ApiClient} uses okhttp's {@code OkHostnameVerifier}, which the {@code okhttp3}
 * module does not export; and {@code --add-modules ALL-MODULE-PATH}, as nothing requires the named
 * modules that the automatic module client-java uses (commons-lang3 and others).
 *
 * @since 0.1
 */
// client-java, client-java-api, resilience4j and oras-java-sdk have no module descriptor: they are
// automatic modules, and with -Xlint:all javac warns "requires directive for an automatic module"
// (lint requires-automatic) on each of their requires. Known and accepted, so not printed.
@SuppressWarnings("requires-automatic")
module io.openim.deploy.core {
  // Core's public signatures use the api's types, and HelmReleases.Record gson's JsonObject.
  requires transitive io.openim.deploy;
  requires transitive com.google.gson;

  requires io.kubernetes.client.java; // Automatic-Module-Name of client-java
  requires io.kubernetes.client.java.api; // Automatic-Module-Name of client-java-api
  requires okhttp3; // okhttp-jvm's module-info
  requires transitive org.yaml.snakeyaml; // PlanYaml.blockStyle returns its DumperOptions
  requires io.github.resilience4j.core; // Automatic-Module-Name
  requires io.github.resilience4j.retry; // Automatic-Module-Name
  // oras-java-sdk 0.2.15 has neither a module-info nor an Automatic-Module-Name: javac derives
  // oras.java.sdk from the jar's file name (oras-java-sdk-0.2.15.jar; `jar --describe-module`
  // derives the same), and the compiler plugin warns "Required filename-based automodules detected:
  // [oras-java-sdk-0.2.15.jar]". A warning only: the build sets neither -Werror nor failOnWarning.
  // Should a later oras-java-sdk name its module, this line follows it.
  requires oras.java.sdk;
  requires org.slf4j;
  requires java.net.http; // ImageResolver recognises HttpConnectTimeoutException from oras
  requires static transitive org.jspecify; // @Nullable is in public signatures; compile time only

  exports io.openim.deploy.core;
  exports io.openim.deploy.core.chart;
  exports io.openim.deploy.core.data;
  exports io.openim.deploy.core.engine;
  exports io.openim.deploy.core.images;
  exports io.openim.deploy.core.migrate;
  exports io.openim.deploy.core.render;

  // No opens: gson is used only through its tree model (JsonParser, JsonObject, and
  // Gson.toJson(JsonElement)), and SnakeYAML only with maps, lists and SafeConstructor, so neither
  // reflects over core's classes. Resources (render/versions.yaml, the Job scripts in
  // render/internal) are read with Class.getResourceAsStream from classes of their own module.

  uses io.openim.deploy.spi.DeploymentProvider;

  provides io.openim.deploy.spi.DeploymentProvider with
      io.openim.deploy.core.KubernetesProvider;
}
