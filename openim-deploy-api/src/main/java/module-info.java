/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The public contract of openim-deploy: the deployment spec and plan, results, events,
 * exceptions ({@code io.openim.deploy}) and the provider SPI ({@code io.openim.deploy.spi}). No
 * runtime dependencies; JSpecify's annotations are needed at compile time only.
 *
 * <p>Providers are found with {@link java.util.ServiceLoader} by {@code openim-deploy-core}
 * (module {@code io.openim.deploy.core}, which {@code uses} the service), not here: the api only
 * defines {@link io.openim.deploy.spi.DeploymentProvider}. A provider that is a named module
 * declares {@code provides io.openim.deploy.spi.DeploymentProvider with ...}; an automatic module
 * or a jar on the class path lists it in {@code META-INF/services}.
 *
 * @since 0.1
 */
module io.openim.deploy {
  requires static transitive org.jspecify; // @Nullable is in public signatures; compile time only

  exports io.openim.deploy;
  exports io.openim.deploy.spi;
}
