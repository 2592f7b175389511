/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import io.openim.deploy.local.internal.BinaryBuild;
import io.openim.deploy.local.internal.FreePorts;
import io.openim.deploy.local.internal.ProcessSupervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real OCI registry server on 127.0.0.1, for tests that push images and resolve them: the
 * registry of the CNCF distribution project (what Docker Hub-compatible registries run), started
 * as a local process with in-memory storage on a free port, over plain HTTP.
 *
 * <pre>{@code
 * try (LocalRegistry registry = LocalRegistry.builder().user("alice", "s3cret").start()) {
 *   String image = registry.host() + "/openim/openim-server:v1";  // push, then resolve it
 * }
 * }</pre>
 *
 * <h2>Where the binary comes from</h2>
 *
 * Built once from the Go module proxy ({@code go install
 * github.com/distribution/distribution/v3/cmd/registry@}{@value #VERSION}) into {@code
 * $XDG_CACHE_HOME/openim-deploy/registry/distribution-}{@value #VERSION} ({@code ~/.cache} when
 * unset), under a file lock, a minute or two on two cores. Without Go it stops with one sentence
 * saying what to install. The control plane's cache is not touched.
 *
 * @since 0.1
 */
public final class LocalRegistry implements AutoCloseable {
  /** The distribution release that is built and run. */
  public static final String VERSION = "v3.1.2";

  private static final Logger LOG = LoggerFactory.getLogger(LocalRegistry.class);
  private static final Duration STARTUP = Duration.ofSeconds(30);

  private final Path work;
  private final ProcessSupervisor supervisor;
  private final int port;
  private final String pushUser;
  private final String pushPassword;

  private LocalRegistry(Path work, ProcessSupervisor supervisor, int port, String pushUser, String pushPassword) {
    this.work = work;
    this.supervisor = supervisor;
    this.port = port;
    this.pushUser = pushUser;
    this.pushPassword = pushPassword;
  }

  /** A builder for a registry without authentication. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code 127.0.0.1:<port>}: the registry part of the image references it serves. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  /** A pusher of test images into this registry, with its user when it has one. */
  public RegistryImages images() {
    return new RegistryImages(host(), pushUser, pushPassword);
  }

  /** Stops the registry and removes its folder; everything pushed is gone. */
  @Override
  public void close() {
    supervisor.close();
    try (Stream<Path> files = Files.walk(work)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not remove {}: {}", work, e.toString());
    }
  }

  /** The registry binary, built into the cache first if it is not there. */
  static Path binary(Map<String, String> environment, Consumer<String> progress) {
    Path dir =
        ControlPlaneBinaries.defaultCacheRoot(environment, System.getProperties())
            .resolveSibling("registry")
            .resolve("distribution-" + VERSION);
    String marker = "distribution-" + VERSION + " recipe-1";
    Path binary = dir.resolve("registry");
    if (!Files.isExecutable(binary) || !marker.equals(read(dir.resolve("VERSIONS")))) {
      BinaryBuild.tool(
              "the test registry (distribution " + VERSION + ")",
              "build-registry.sh",
              List.of(VERSION),
              "a minute or two",
              environment,
              progress)
          .buildInto(dir, marker);
    }
    return binary;
  }

  private static @Nullable String read(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file).strip() : null;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  /**
   * Configures a {@link LocalRegistry}: open, behind HTTP basic authentication ({@link #user}), or
   * behind a bearer-token challenge ({@link #tokenRealm}). Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private @Nullable String username;
    private @Nullable String password;
    private @Nullable String tokenRealm;

    private Builder() {}

    /**
     * Requires HTTP basic authentication as {@code username} with {@code password} (an htpasswd
     * file with its bcrypt hash); requests without them are answered 401 with a {@code Basic}
     * challenge.
     */
    public Builder user(String username, String password) {
      if (Objects.requireNonNull(username, "username").isBlank() || username.contains(":")) {
        throw new IllegalArgumentException("username must be non-blank without ':' but was '" + username + "'");
      }
      this.username = username;
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Answers requests without an Authorization header with a {@code Bearer} challenge naming
     * {@code realm} as the token server (distribution's {@code silly} access controller, which
     * accepts any token): for tests of clients that fetch a token first, as from Docker Hub.
     */
    public Builder tokenRealm(String realm) {
      this.tokenRealm = Objects.requireNonNull(realm, "realm");
      return this;
    }

    /**
     * Starts the registry and returns once it answers on {@code /v2/}.
     *
     * @throws LocalClusterException if it cannot be built or does not come up; the message has
     *     the end of its log
     */
    public LocalRegistry start() {
      if (username != null && tokenRealm != null) {
        throw new IllegalStateException("user and tokenRealm exclude each other");
      }
      Path registry = binary(System.getenv(), line -> LOG.info("{}", line));
      Path work;
      try {
        work = Files.createTempDirectory("openim-deploy-registry-");
      } catch (IOException e) {
        throw new UncheckedIOException("could not make a folder for the registry", e);
      }
      int port = FreePorts.loopback(1).get(0);
      Path config = work.resolve("config.yml");
      Path log = work.resolve("registry.log");
      write(config, config(work, port));
      ProcessSupervisor supervisor = ProcessSupervisor.start(work);
      // distribution's silly access controller takes any Authorization header, so a token
      // registry is pushed to with made-up basic credentials
      LocalRegistry started = new LocalRegistry(work, supervisor, port,
          username != null ? username : "pusher", password != null ? password : "any");
      try {
        supervisor.launch("registry", List.of(registry.toString(), "serve", config.toString()), Map.of(), log);
        awaitUp(started, log);
        return started;
      } catch (RuntimeException e) {
        started.close();
        throw e;
      }
    }

    private String config(Path work, int port) {
      StringBuilder yaml =
          new StringBuilder()
              .append("version: 0.1\n")
              .append("log: {level: warn}\n")
              .append("storage: {inmemory: {}, delete: {enabled: true}}\n")
              .append("http: {addr: 127.0.0.1:").append(port).append("}\n");
      if (username != null && password != null) {
        Path htpasswd = work.resolve("htpasswd");
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        // distribution@v3.1.2 registry/auth/htpasswd/htpasswd.go: bcrypt entries only; Go's
        // bcrypt reads the $2a$ form that BouncyCastle writes
        write(htpasswd, username + ":" + OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, 4) + "\n");
        yaml.append("auth: {htpasswd: {realm: openim-deploy-test, path: ").append(htpasswd).append("}}\n");
      } else if (tokenRealm != null) {
        yaml.append("auth: {silly: {realm: \"").append(tokenRealm).append("\", service: openim-deploy-test}}\n");
      }
      return yaml.toString();
    }

    private static void awaitUp(LocalRegistry registry, Path log) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      URI probe = URI.create("http://" + registry.host() + "/v2/");
      Instant deadline = Instant.now().plus(STARTUP);
      while (true) {
        ProcessSupervisor.Child child = registry.supervisor.children().get(0);
        if (!child.process().isAlive()) {
          throw new LocalClusterException("the test registry exited with " + child.process().exitValue()
              + " at start; its log ends:\n" + tail(log));
        }
        try {
          int code = http.send(HttpRequest.newBuilder(probe).GET().build(), HttpResponse.BodyHandlers.discarding())
              .statusCode();
          if (code == 200 || code == 401) {
            return;
          }
        } catch (IOException notYet) {
          // not listening yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new LocalClusterException("interrupted while the test registry started", e);
        }
        if (Instant.now().isAfter(deadline)) {
          throw new LocalClusterException("the test registry did not answer on " + probe + " within "
              + STARTUP.toSeconds() + " s; its log ends:\n" + tail(log));
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new LocalClusterException("interrupted while the test registry started", e);
        }
      }
    }

    private static String tail(Path log) {
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }

    private static void write(Path file, String text) {
      try {
        Files.writeString(file, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("could not write " + file, e);
      }
    }
  }
}
