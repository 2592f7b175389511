/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.migrate;

import io.openim.deploy.core.render.VersionCatalog;
import io.openim.deploy.core.render.VersionLine;
import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Monitoring;
import io.openim.deploy.Profile;
import io.openim.deploy.Secret;
import io.openim.deploy.SecretKey;
import io.openim.deploy.core.migrate.internal.ComposeFiles;
import io.openim.deploy.core.migrate.internal.ComposeFiles.Images;
import io.openim.deploy.core.migrate.internal.ComposeFiles.Service;
import io.openim.deploy.core.render.internal.Yamls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An OpenIM docker-compose setup (its {@code .env} and compose file) read into a spec, with every
 * assumption the reading made listed in words.
 *
 * <p>{@link #writeTo(Path)} writes the spec file and, owner-readable only, one file per secret
 * it references; {@link io.openim.deploy.core.render.SpecFile#read(Path)} of that file gives {@link #spec()} again. Secrets
 * never appear in {@link #assumptions()} or in the spec file itself.
 *
 * @since 0.1
 */
public final class ComposeImport {
  /** The spec file {@link #writeTo(Path)} writes. */
  public static final String SPEC_FILE = "openim.yaml";

  private static final Pattern PATCH = Pattern.compile("-patch\\.(\\d+)$");
  private static final Set<String> NOT_DEPLOYED = Set.of("prometheus", "alertmanager", "grafana",
      "node-exporter", "openim-web-front", "openim-admin-front");

  private final DeploymentSpec spec;
  private final Map<String, Object> file;
  private final Map<String, Secret> secretFiles;
  private final List<String> assumptions;

  private ComposeImport(DeploymentSpec spec, Map<String, Object> file, Map<String, Secret> secretFiles,
      List<String> assumptions) {
    this.spec = spec;
    this.file = file;
    this.secretFiles = secretFiles;
    this.assumptions = List.copyOf(assumptions);
  }

  /**
   * Reads the compose setup in {@code directory} into a spec for release {@code release} in
   * {@code namespace}.
   *
   * @throws IllegalArgumentException when the folder is not an OpenIM compose setup, or pins an
   *     OpenIM release no version line covers
   */
  public static ComposeImport read(Path directory, String release, String namespace) {
    return read(ComposeFiles.read(directory), directory, release, namespace);
  }

  /** {@link #read(Path, String, String)} of a setup already read from {@code directory}. */
  static ComposeImport read(ComposeFiles compose, Path directory, String release, String namespace) {
    List<String> notes = new ArrayList<>();
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("release", release);
    file.put("namespace", namespace);
    DeploymentSpec.Builder b = DeploymentSpec.builder(release).namespace(namespace);

    Service server = compose.byImage("openim-server").orElseThrow(() -> new IllegalArgumentException(
        directory + " has no service with an openim-server image: is it an OpenIM compose setup?"));
    VersionLine line = versionLine(Images.tag(server.image()), notes);
    b.version(line.name());
    file.put("version", line.name());
    Optional<Service> chat = compose.byImage("openim-chat");
    b.chat(chat.isPresent());
    file.put("chat", chat.isPresent());
    chat.map(c -> Images.tag(c.image())).filter(tag -> !tag.equals(line.chat().version())).ifPresent(tag ->
        notes.add("OpenIM Chat " + tag + " becomes " + line.chat().version() + ", the chat release of "
            + line.name() + "."));

    Map<String, Object> dependencies = new LinkedHashMap<>();
    Map<SecretKey, Secret> secrets = new LinkedHashMap<>();
    Map<String, Secret> secretFiles = new LinkedHashMap<>();
    for (DependencyKind kind : DependencyKind.values()) {
      dependency(compose, kind, line, b, dependencies, secrets, secretFiles, notes);
    }
    if (!dependencies.isEmpty()) {
      file.put("dependencies", dependencies);
    }
    secret(compose, "OPENIM_SECRET", SecretKey.OPENIM_SECRET, secrets, notes);
    notes.add("Users log in again: OpenIM keeps issued tokens in Redis, which starts empty"
        + (secrets.containsKey(SecretKey.OPENIM_SECRET) ? "; the OpenIM secret itself is kept."
            : ", and the secret that signed them is replaced."));
    settings(compose, b, file, notes);
    externalMinioAddress(compose, dependencies);
    secrets.forEach(b::secret);
    if (!secrets.isEmpty()) {
      Map<String, Object> refs = new LinkedHashMap<>();
      secrets.forEach((k, v) -> {
        refs.put(k.secretKey(), Map.of("file", secretPath(k.secretKey())));
        secretFiles.put(secretPath(k.secretKey()), v);
      });
      file.put("secrets", refs);
    }
    ports(server, chat, notes);
    offlinePush(server, notes);
    compose.services().values().stream().filter(sv -> NOT_DEPLOYED.contains(sv.name()))
        .sorted(Comparator.comparing(Service::name)).forEach(sv ->
            notes.add("Service " + sv.name() + (sv.profiles().isEmpty() ? "" : " (compose profile "
                + String.join(", ", sv.profiles()) + ")") + " is not deployed by openim-deploy"
                + (sv.name().equals("prometheus") ? "; monitoring is enabled for the cluster's own"
                    + " Prometheus instead (remove monitoring from the spec if there is none)." : ".")));
    compose.var("DATA_DIR").ifPresent(dir -> notes.add("The data under " + dir
        + "components/ is not moved by the import: it moves with backup and restore."));
    notes.add("Redis and Kafka start empty in the cluster: let Kafka drain on the old host before the move,"
        + " and expect unread counts cached in Redis to be off until rebuilt (OpenIM's recovery guide"
        + " names this risk).");
    return new ComposeImport(b.build(), file, secretFiles, notes);
  }

  /**
   * Offline push does not carry over: the imported spec configures no provider, so the cluster runs
   * without one. Variables the compose setup gives OpenIM for it stay behind, as they may hold keys.
   */
  private static void offlinePush(Service server, List<String> notes) {
    List<String> pushVariables = server.environment().keySet().stream()
        .filter(name -> name.startsWith("IMENV_OPENIM_PUSH_")).sorted().toList();
    notes.add("Offline push is off in the cluster: "
        + (pushVariables.isEmpty()
            ? "the compose setup runs the image's openim-push.yml, getui with a placeholder app id"
            : "the compose setup's " + String.join(", ", pushVariables) + " are not carried over, as"
                + " they may hold provider keys")
        + "; give server/openim-push.yml under configFiles to push to phones.");
  }

  /** The spec. */
  public DeploymentSpec spec() {
    return spec;
  }

  /** What the reading assumed, one sentence each, in the order it assumed it. */
  public List<String> assumptions() {
    return assumptions;
  }

  /** The spec file's text; secrets are {@code file:} references to {@code secrets/<name>}. */
  public String specFile() {
    return "# Imported from a docker-compose OpenIM by openim-deploy; review the assumptions it printed.\n"
        + Yamls.blockDumper().dump(file);
  }

  /**
   * Writes {@link #SPEC_FILE} and its secret files into {@code directory}, which is created when
   * missing; secret files are readable by their owner only.
   *
   * @return the spec file
   * @throws IllegalStateException when one of the files exists already; then nothing is written
   */
  public Path writeTo(Path directory) {
    Path spec = directory.resolve(SPEC_FILE);
    List<Path> existing = Stream.concat(Stream.of(SPEC_FILE),
        secretFiles.keySet().stream()).map(directory::resolve).filter(Files::exists).toList();
    if (!existing.isEmpty()) {
      throw new IllegalStateException("not overwriting " + existing
          + ": give an empty folder (nothing was written)");
    }
    try {
      Files.createDirectories(directory.resolve("secrets"));
      for (Map.Entry<String, Secret> entry : secretFiles.entrySet()) {
        Path target = directory.resolve(entry.getKey());
        Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(target, entry.getValue().reveal());
      }
      Files.writeString(spec, specFile(), StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      return spec;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the imported spec into " + directory, e);
    }
  }

  private static VersionLine versionLine(String imageTag, List<String> notes) {
    String serverTag = imageTag.replaceFirst("^release-", "");
    VersionCatalog catalog = VersionCatalog.builtIn();
    Optional<VersionLine> exact = catalog.lines().stream()
        .filter(l -> l.server().version().equals(serverTag)).findFirst();
    if (exact.isPresent()) {
      return exact.get();
    }
    String base = PATCH.matcher(serverTag).replaceFirst("");
    VersionLine same = catalog.lines().stream()
        .filter(l -> PATCH.matcher(l.server().version()).replaceFirst("").equals(base)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the compose setup runs OpenIM Server " + serverTag
            + ", which no version line covers; known: " + catalog.names()));
    if (patch(serverTag) > patch(same.server().version())) {
      throw new IllegalArgumentException("the compose setup runs OpenIM Server " + serverTag + ", newer than "
          + same.server().version() + ", the newest patch openim-deploy knows; moving would downgrade it");
    }
    notes.add("OpenIM Server " + imageTag + " becomes " + same.name() + ", a later patch of " + base
        + "; patches of one release keep the data format.");
    return same;
  }

  private static int patch(String version) {
    Matcher m = PATCH.matcher(version);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  private static void dependency(ComposeFiles compose, DependencyKind kind, VersionLine line,
      DeploymentSpec.Builder b, Map<String, Object> file, Map<SecretKey, Secret> secrets,
      Map<String, Secret> secretFiles, List<String> notes) {
    EnvNames names = EnvNames.of(kind);
    List<String> addresses = compose.var(names.address()).map(a -> Arrays.stream(a.split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    Optional<Service> local = addresses.isEmpty() ? Optional.empty()
        : compose.byAddress(addresses.get(0));
    String user = compose.var(names.user()).orElse(null);
    if (!addresses.isEmpty() && local.isEmpty()) {
      Secret password = compose.var(names.password()).map(p -> Secret.of(unpadded(names.password(), p)))
          .orElse(null);
      b.dependency(kind, Dependency.external(addresses, user, password));
      Map<String, Object> external = new LinkedHashMap<>();
      external.put("addresses", addresses);
      if (user != null) {
        external.put("username", user);
      }
      if (password != null) {
        String path = secretPath(kind.key() + "-password");
        external.put("password", Map.of("file", path));
        secretFiles.put(path, password);
      }
      file.put(kind.key(), Map.of("external", external));
      notes.add(kind.key() + " stays outside the cluster at " + String.join(",", addresses)
          + " (" + names.address() + " names no compose service).");
      return;
    }
    local.ifPresent(service -> {
      String image = Images.normalize(service.image());
      if (!image.equals(line.images().get(kind))) {
        Dependency.InCluster defaults = Profile.MINIMAL.defaults(kind);
        b.dependency(kind, new Dependency.InCluster(defaults.storageSize(), defaults.resources(), image));
        file.put(kind.key(), Map.of("image", image));
        notes.add(kind.key() + " keeps the compose image " + image + " so restored data meets the version"
            + " that wrote it; " + line.name() + " pins " + line.images().get(kind) + ".");
      }
    });
    if (kind == DependencyKind.MONGODB && user != null && !user.equals("openIM")) {
      notes.add("The MongoDB user " + user + " becomes openIM, the user the in-cluster MongoDB creates.");
    }
    if (kind == DependencyKind.MINIO) {
      secret(compose, "MINIO_ACCESS_KEY_ID", SecretKey.MINIO_ACCESS_KEY, secrets, notes);
    }
    if (kind != DependencyKind.KAFKA && kind != DependencyKind.ETCD) {
      secret(compose, names.password(), passwordKey(kind), secrets, notes);
    }
  }

  /** {@code value} of {@code variable}, refused when a secret file could not keep it as it is. */
  private static String unpadded(String variable, String value) {
    if (!value.equals(value.strip())) {
      throw new IllegalArgumentException(variable + " starts or ends with white space, which a secret file"
          + " cannot keep; change the password on the old host first, or give it in the spec yourself");
    }
    return value;
  }

  /** The .env variables the official compose setup gives each dependency's address and credentials in. */
  private record EnvNames(String address, String user, String password) {
    static EnvNames of(DependencyKind kind) {
      return switch (kind) {
        case MONGODB -> new EnvNames("MONGO_ADDRESS", "MONGO_USERNAME", "MONGO_PASSWORD");
        case REDIS -> new EnvNames("REDIS_ADDRESS", "REDIS_USERNAME", "REDIS_PASSWORD");
        case KAFKA -> new EnvNames("KAFKA_ADDRESS", "KAFKA_USERNAME", "KAFKA_PASSWORD");
        case MINIO -> new EnvNames("MINIO_INTERNAL_ADDRESS", "MINIO_ACCESS_KEY_ID", "MINIO_SECRET_ACCESS_KEY");
        case ETCD -> new EnvNames("ETCD_ADDRESS", "ETCD_USERNAME", "ETCD_PASSWORD");
      };
    }
  }

  private static SecretKey passwordKey(DependencyKind kind) {
    return switch (kind) {
      case MONGODB -> SecretKey.MONGODB_PASSWORD;
      case REDIS -> SecretKey.REDIS_PASSWORD;
      case MINIO -> SecretKey.MINIO_SECRET_KEY;
      case KAFKA, ETCD -> throw new IllegalStateException(kind.key() + " has no credential key");
    };
  }

  private static void secret(ComposeFiles compose, String variable, SecretKey key,
      Map<SecretKey, Secret> secrets, List<String> notes) {
    compose.var(variable).map(value -> unpadded(variable, value)).ifPresent(value -> {
      if (key.isPublicDefault(value)) {
        notes.add(variable + " is OpenIM's published default; " + key.secretKey()
            + " is generated at random instead.");
      } else {
        secrets.put(key, Secret.of(value));
      }
    });
  }

  private static void settings(ComposeFiles compose, DeploymentSpec.Builder b, Map<String, Object> file,
      List<String> notes) {
    compose.var("LOG_LEVEL").ifPresent(level -> {
      try {
        b.logLevel(Integer.parseInt(level));
        file.put("logLevel", Integer.parseInt(level));
      } catch (NumberFormatException e) {
        notes.add("LOG_LEVEL " + level + " is not a number; the profile's level is used.");
      }
    });
    compose.var("MINIO_EXTERNAL_ADDRESS").ifPresent(address -> {
      if (address.contains("external_ip")) {
        notes.add("MINIO_EXTERNAL_ADDRESS is still the template's " + address
            + "; it is left out, so it comes from the ingress (set minioExternalAddress otherwise).");
      } else {
        b.minioExternalAddress(address);
        file.put("minioExternalAddress", address);
      }
    });
    if (compose.services().containsKey("prometheus")) {
      b.monitoring(Monitoring.auto());
      file.put("monitoring", Map.of("mode", "auto", "dashboard", true));
    }
  }

  /**
   * An external MinIO's files are fetched at MINIO_EXTERNAL_ADDRESS (the presigning endpoint), and
   * the Ingress cannot stand in for it; without a real one the import stops and says what to set.
   */
  private static void externalMinioAddress(ComposeFiles compose, Map<String, Object> dependencies) {
    if (!(dependencies.get(DependencyKind.MINIO.key()) instanceof Map<?, ?> minio && minio.containsKey("external"))) {
      return;
    }
    Optional<String> address = compose.var("MINIO_EXTERNAL_ADDRESS");
    if (address.isEmpty() || address.get().contains("external_ip")) {
      throw new IllegalArgumentException("MinIO stays outside the cluster (MINIO_INTERNAL_ADDRESS="
          + compose.var("MINIO_INTERNAL_ADDRESS").orElse("") + "), but MINIO_EXTERNAL_ADDRESS is "
          + address.map(a -> "still the template's " + a).orElse("not set") + ": set it in .env to the URL"
          + " clients reach that MinIO at (https:// for TLS), then import again");
    }
  }

  private static void ports(Service server, Optional<Service> chat, List<String> notes) {
    List<String> published = new ArrayList<>(server.ports());
    chat.ifPresent(c -> published.addAll(c.ports()));
    for (String mapping : published) {
      String[] parts = mapping.split(":");
      if (parts.length >= 2 && !parts[parts.length - 2].equals(parts[parts.length - 1])) {
        notes.add("Host port " + parts[parts.length - 2] + " (container port " + parts[parts.length - 1]
            + ") is not published in the cluster: clients reach the container port through the ingress"
            + " or a Service of their own.");
      }
    }
  }

  private static String secretPath(String name) {
    return "secrets/" + name;
  }
}
