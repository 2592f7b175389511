/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import io.openim.deploy.local.internal.BinaryBuild;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder holding the binaries of the local control plane: etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler, kubectl, kwok and the KWOK stage file, plus the helm
 * command-line tool for tests of charts and releases.
 *
 * <h2>Where they come from</h2>
 *
 * {@link #locate()} takes, in this order:
 *
 * <ol>
 *   <li>the folder named by the system property {@value #PROPERTY} or the environment variable
 *       {@value #ENVIRONMENT_VARIABLE}; nothing is built then, and a missing file is an error;
 *   <li>the per-version cache folder {@code $XDG_CACHE_HOME/openim-deploy/control-plane/<versions>}
 *       ({@code ~/.cache} when {@code XDG_CACHE_HOME} is unset), when a finished build is there;
 *   <li>otherwise it builds them into that cache folder, once, from the Go module proxy. That needs
 *       Go 1.26 and takes 20 to 40 minutes on two cores; progress is reported line by line.
 * </ol>
 *
 * @param directory the folder that holds every file in {@link #FILES}
 * @param versions what the files were built from
 * @since 0.1
 */
public record ControlPlaneBinaries(Path directory, ControlPlaneVersions versions) {
  /** The environment variable that points at prebuilt binaries. */
  public static final String ENVIRONMENT_VARIABLE = "OPENIM_DEPLOY_K8S_BIN";

  /** The system property that points at prebuilt binaries; it wins over the environment. */
  public static final String PROPERTY = "openim.deploy.k8s.bin";

  /** Every file a binaries folder must hold. */
  public static final List<String> FILES =
      List.of(
          "etcd",
          "kube-apiserver",
          "kube-controller-manager",
          "kube-scheduler",
          "kubectl",
          "kwok",
          "kwok-stages.yaml",
          "helm");

  private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneBinaries.class);

  /** Checks that both parts are given. */
  public ControlPlaneBinaries {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(versions, "versions");
  }

  /** The path of one of the {@link #FILES}. */
  public Path file(String name) {
    if (!FILES.contains(name)) {
      throw new IllegalArgumentException("no such control-plane file: " + name + "; one of " + FILES);
    }
    return directory.resolve(name);
  }

  /** Finds or builds the binaries for {@link ControlPlaneVersions#DEFAULT}. */
  public static ControlPlaneBinaries locate() {
    return locator().locate();
  }

  /** A locator to configure: versions, cache folder, environment and progress output. */
  public static Locator locator() {
    return new Locator();
  }

  /**
   * Finds or builds control-plane binaries. Not thread-safe; {@link #locate()} itself is safe to
   * call from several JVMs at once (the build is guarded by a file lock).
   *
   * @since 0.1
   */
  public static final class Locator {
    private ControlPlaneVersions versions = ControlPlaneVersions.DEFAULT;
    private Map<String, String> environment = System.getenv();
    private Properties systemProperties = System.getProperties();
    private Path cacheRoot = defaultCacheRoot(System.getenv(), System.getProperties());
    private boolean cacheRootSet;
    private Consumer<String> progress = line -> LOG.info("{}", line);

    private Locator() {}

    /** The versions to find or build; {@link ControlPlaneVersions#DEFAULT} unless set. */
    public Locator versions(ControlPlaneVersions versions) {
      this.versions = Objects.requireNonNull(versions, "versions");
      return this;
    }

    /** The environment to read {@value #ENVIRONMENT_VARIABLE} and PATH from. */
    public Locator environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      if (!cacheRootSet) {
        cacheRoot = defaultCacheRoot(this.environment, systemProperties);
      }
      return this;
    }

    /** The system properties to read {@value #PROPERTY} from. */
    public Locator systemProperties(Properties systemProperties) {
      this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
      return this;
    }

    /** The folder under which each version combination gets its own cache folder. */
    public Locator cacheRoot(Path cacheRoot) {
      this.cacheRoot = Objects.requireNonNull(cacheRoot, "cacheRoot");
      this.cacheRootSet = true;
      return this;
    }

    /** Where build progress goes, one line at a time; slf4j at INFO unless set. */
    public Locator progress(Consumer<String> progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** The cache folder for the configured versions. */
    public Path cacheDirectory() {
      return cacheRoot.resolve(versions.cacheKey());
    }

    /**
     * Returns the binaries, building them first if they are neither configured nor cached.
     *
     * @throws LocalClusterException if a configured folder lacks files, Go is missing, or the
     *     build fails; the message says what to do
     */
    public ControlPlaneBinaries locate() {
      Optional<Path> configured = configuredDirectory();
      if (configured.isPresent()) {
        Path dir = configured.get();
        List<String> missing = missingFiles(dir);
        if (!missing.isEmpty()) {
          throw new LocalClusterException(
              "The control-plane folder "
                  + dir
                  + " (from "
                  + source()
                  + ") lacks "
                  + String.join(", ", missing)
                  + ". Point it at a complete folder, or unset it to build the binaries"
                  + " into the cache.");
        }
        return new ControlPlaneBinaries(dir, versions);
      }
      Path dir = cacheDirectory();
      if (isComplete(dir)) {
        return new ControlPlaneBinaries(dir, versions);
      }
      new BinaryBuild(versions.kubernetes(), versions.etcd(), versions.kwok(), environment, progress)
          .buildInto(dir, versions.marker());
      return new ControlPlaneBinaries(dir, versions);
    }

    private Optional<Path> configuredDirectory() {
      String fromProperty = systemProperties.getProperty(PROPERTY);
      if (fromProperty != null && !fromProperty.isBlank()) {
        return Optional.of(Path.of(fromProperty));
      }
      String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
      if (fromEnvironment != null && !fromEnvironment.isBlank()) {
        return Optional.of(Path.of(fromEnvironment));
      }
      return Optional.empty();
    }

    private String source() {
      String fromProperty = systemProperties.getProperty(PROPERTY);
      return fromProperty != null && !fromProperty.isBlank()
          ? "system property " + PROPERTY
          : "environment variable " + ENVIRONMENT_VARIABLE;
    }

    private boolean isComplete(Path dir) {
      Path marker = dir.resolve("VERSIONS");
      if (!Files.isRegularFile(marker) || !missingFiles(dir).isEmpty()) {
        return false;
      }
      try {
        return Files.readString(marker, StandardCharsets.UTF_8).strip().equals(versions.marker());
      } catch (IOException e) {
        throw new UncheckedIOException("could not read " + marker, e);
      }
    }
  }

  static List<String> missingFiles(Path dir) {
    List<String> missing = new ArrayList<>();
    for (String file : FILES) {
      Path path = dir.resolve(file);
      boolean present =
          file.endsWith(".yaml") ? Files.isRegularFile(path) : Files.isExecutable(path);
      if (!present) {
        missing.add(file);
      }
    }
    return missing;
  }

  static Path defaultCacheRoot(Map<String, String> environment, Properties systemProperties) {
    String xdg = environment.get("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(systemProperties.getProperty("user.home", "."), ".cache");
    return base.resolve("openim-deploy").resolve("control-plane");
  }
}
