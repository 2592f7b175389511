/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.migrate.internal;

import io.openim.deploy.Secret;
import io.openim.deploy.core.migrate.internal.ComposeFiles.Service;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a migration needs to know of the old docker-compose host: the services to stop, the ports
 * OpenIM answers on, where MongoDB and MinIO are reachable from the cluster, and the old host's own
 * credentials for them (the imported spec may have replaced published defaults with new ones).
 *
 * @param directory the compose folder
 * @param composeFile the compose file's name in it
 * @param host the old host's address as the cluster and this machine reach it
 * @param openImServices the compose services that run OpenIM (server, chat)
 * @param openImPorts the host ports they publish
 * @param mongoService the MongoDB service
 * @param mongoPort MongoDB's published host port, or null when it is not published
 * @param minioService the MinIO service
 * @param minioPort MinIO's published host port, or null when it is not published
 */
public record ComposeSource(Path directory, String composeFile, String host, List<String> openImServices,
    List<Integer> openImPorts, String mongoService, @Nullable Integer mongoPort, String minioService,
    @Nullable Integer minioPort, String mongoUser, Secret mongoPassword, Secret minioAccessKey,
    Secret minioSecretKey) {

  public ComposeSource {
    openImServices = List.copyOf(openImServices);
    openImPorts = List.copyOf(openImPorts);
  }

  /**
   * What {@code compose}, read from {@code directory}, says of the old host; every reason it cannot
   * be migrated from is in one exception.
   */
  public static ComposeSource of(ComposeFiles compose, Path directory, String host) {
    List<String> problems = new ArrayList<>();
    List<String> services = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    for (String image : List.of("openim-server", "openim-chat")) {
      compose.byImage(image).ifPresent(service -> {
        services.add(service.name());
        service.ports().forEach(mapping -> hostPort(mapping).ifPresent(ports::add));
      });
    }
    Optional<Service> mongo = local(compose, "MONGO_ADDRESS", "MongoDB", problems);
    Optional<Service> minio = local(compose, "MINIO_INTERNAL_ADDRESS", "MinIO", problems);
    String mongoUser = compose.var("MONGO_USERNAME").orElse("openIM");
    Optional<String> mongoPassword = required(compose, "MONGO_PASSWORD", problems);
    Optional<String> accessKey = required(compose, "MINIO_ACCESS_KEY_ID", problems);
    Optional<String> secretKey = required(compose, "MINIO_SECRET_ACCESS_KEY", problems);
    if (host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
      problems.add("the old host '" + host + "' is not a host name or IP address");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("cannot migrate from " + directory + ": " + String.join("; ", problems));
    }
    return new ComposeSource(directory, compose.fileName(), host, services, ports, mongo.get().name(),
        published(mongo.get(), 27017), minio.get().name(), published(minio.get(), 9000), mongoUser,
        Secret.of(mongoPassword.get()), Secret.of(accessKey.get()), Secret.of(secretKey.get()));
  }

  private static Optional<Service> local(ComposeFiles compose, String variable, String what, List<String> problems) {
    String address = compose.var(variable).orElse("");
    Optional<Service> service = compose.byAddress(address);
    if (service.isEmpty()) {
      problems.add(what + " is not a service of the compose setup (" + variable + "=" + address + "): its data"
          + " stays where it is, so there is nothing to move; deploy with 'up' and cut over instead");
    }
    return service;
  }

  private static Optional<String> required(ComposeFiles compose, String variable, List<String> problems) {
    Optional<String> value = compose.var(variable);
    if (value.isEmpty()) {
      problems.add(".env sets no " + variable);
    }
    return value;
  }

  /** The host port a service publishes for {@code containerPort}, or null. */
  private static @Nullable Integer published(Service service, int containerPort) {
    for (String mapping : service.ports()) {
      String[] parts = mapping.replaceFirst("/tcp$", "").split(":");
      if (parts.length >= 2 && parts[parts.length - 1].equals(String.valueOf(containerPort))) {
        return hostPort(mapping).orElse(null);
      }
    }
    return null;
  }

  /** The host side of a {@code [ip:]host:container} port mapping, when it is one port. */
  private static Optional<Integer> hostPort(String mapping) {
    String[] parts = mapping.replaceFirst("/tcp$", "").split(":");
    if (parts.length < 2 || !parts[parts.length - 2].matches("[0-9]{1,5}")) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(parts[parts.length - 2]));
  }
}
