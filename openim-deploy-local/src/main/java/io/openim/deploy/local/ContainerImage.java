/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import io.openim.deploy.local.internal.ImageBuild;
import io.openim.deploy.local.internal.ImageRecipe;
import io.openim.deploy.local.internal.ImageRecipe.Account;
import io.openim.deploy.local.internal.ImageRecipe.GoBinary;
import io.openim.deploy.local.internal.ImageRecipe.MavenArtifacts;
import io.openim.deploy.local.internal.ImageRecipe.Overlay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recipe for a container image built on this machine without any registry: a root filesystem
 * (empty, or Debian made by {@code debootstrap --variant=minbase bookworm} from this machine's apt
 * mirror with packages added), static Go programs built from the Go module proxy, jars from Maven
 * Central, files, and the image config. {@link #archive()} packs it into an {@link ImageArchive} that containerd imports.
 *
 * <h2>Cache</h2>
 *
 * <p>Builds are slow (debootstrap and Go builds take minutes), so each part is built once into
 * {@code $XDG_CACHE_HOME/openim-deploy/images} ({@code ~/.cache} when {@code XDG_CACHE_HOME} is
 * unset): the Debian base under {@code debian/}, shared by every recipe that uses it, Go programs
 * under {@code go/}, and each archive under {@code <reference>-<key>/}, where the key is a hash of
 * the recipe (file contents included) and of the build scripts. A file lock keeps concurrent JVMs
 * from building the same part twice.
 *
 * <h2>Requirements</h2>
 *
 * <p>Debian packages need root, {@code debootstrap} and a reachable Debian mirror; Go programs need
 * Go; Maven artifacts need Maven ({@code mvn}); {@link Builder#busybox()} needs {@code apt-get}. A missing tool fails the build with a sentence
 * saying what to install.
 *
 * <pre>{@code
 * ImageArchive redis = ContainerImage.builder("docker.io/library/redis:7.0.0")
 *     .debianPackages("redis-server")
 *     .cmd("redis-server")
 *     .build()
 *     .archive();
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link Builder} is not thread-safe.
 *
 * @since 0.1
 */
public final class ContainerImage {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerImage.class);
  private static final Pattern REFERENCE =
      Pattern.compile("[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)+:[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final ImageRecipe recipe;

  private ContainerImage(ImageRecipe recipe) {
    this.recipe = recipe;
  }

  /**
   * A recipe for the image {@code reference}, a full reference with registry and tag, such as
   * {@code docker.io/library/redis:7.0.0}.
   *
   * @throws IllegalArgumentException when {@code reference} lacks the registry or the tag
   */
  public static Builder builder(String reference) {
    Objects.requireNonNull(reference, "reference");
    if (!REFERENCE.matcher(reference).matches()) {
      throw new IllegalArgumentException("reference must be host/path:tag, such as"
          + " docker.io/library/redis:7.0.0, but was " + reference);
    }
    return new Builder(reference);
  }

  /** The full reference the image is imported under. */
  public String reference() {
    return recipe.reference();
  }

  /** The hex SHA-256 this recipe's archive is cached under. */
  public String cacheKey() {
    return ImageBuild.key(recipe);
  }

  /**
   * The archive from the default cache, built first when it is not there; progress goes to slf4j
   * at INFO.
   *
   * @throws LocalClusterException when a build fails or a tool is missing; the message says which
   */
  public ImageArchive archive() {
    return archive(ImageBuild.defaultCache(System.getenv(), System.getProperties()),
        line -> LOG.info("{}", line));
  }

  /**
   * The archive from the cache folder {@code cache}, built first when it is not there, with build
   * progress to {@code progress}, one line at a time.
   *
   * @throws LocalClusterException when a build fails or a tool is missing; the message says which
   */
  public ImageArchive archive(Path cache, Consumer<String> progress) {
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(progress, "progress");
    return new ImageBuild(cache, System.getenv(), progress).archive(recipe);
  }

  /** The recipe, for tests in this package. */
  ImageRecipe recipe() {
    return recipe;
  }

  @Override
  public String toString() {
    return "ContainerImage[" + recipe.reference() + "]";
  }

  /**
   * Configures a {@link ContainerImage}. Each setter checks its arguments at once; paths in the
   * image are absolute; modes are octal permission bits such as {@code 0755}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final String reference;
    private final List<String> debianPackages = new ArrayList<>();
    private final List<Account> accounts = new ArrayList<>();
    private boolean busybox;
    private final List<GoBinary> goBinaries = new ArrayList<>();
    private final List<MavenArtifacts> mavenArtifacts = new ArrayList<>();
    private final List<Overlay> overlays = new ArrayList<>();
    private List<String> entrypoint = List.of();
    private List<String> cmd = List.of();
    private String user = "";
    private String workdir = "";
    private final Map<String, String> env = new LinkedHashMap<>();

    private Builder(String reference) {
      this.reference = reference;
    }

    /** Starts from Debian bookworm (minbase) with these packages and what they depend on. */
    public Builder debianPackages(String... packages) {
      for (String p : packages) {
        if (!p.matches("[a-z0-9][a-z0-9.+-]+")) {
          throw new IllegalArgumentException("debianPackages: not a Debian package name: " + p);
        }
        debianPackages.add(p);
      }
      return this;
    }

    /** A group {@code name} with {@code gid} and a system user {@code name} with {@code uid} in it. */
    public Builder account(String name, int uid, int gid) {
      if (!name.matches("[a-z_][a-z0-9_-]*")) {
        throw new IllegalArgumentException("account: not a user name: " + name);
      }
      if (uid <= 0 || gid <= 0) {
        throw new IllegalArgumentException("account " + name + ": uid and gid must be > 0 but were " + uid + ":" + gid);
      }
      accounts.add(new Account(name, uid, gid));
      return this;
    }

    /** Debian's static busybox at {@code /bin/busybox}, with a symbolic link per applet ({@code /bin/sh}, ...). */
    public Builder busybox() {
      this.busybox = true;
      return this;
    }

    /**
     * The static ({@code CGO_ENABLED=0}) main package {@code packagePath} at module version {@code
     * version} (a tag, pseudo-version or commit the Go module proxy serves) at {@code target}.
     */
    public Builder goBinary(String packagePath, String version, String target) {
      return goBinary(packagePath, version, target, Map.of());
    }

    /** Like {@link #goBinary(String, String, String)}, linked with {@code -X name=value} for each variable. */
    public Builder goBinary(String packagePath, String version, String target, Map<String, String> variables) {
      Objects.requireNonNull(packagePath, "packagePath");
      Objects.requireNonNull(version, "version");
      List<String> x = new ArrayList<>();
      new TreeMap<>(variables).forEach((k, v) -> {
        if (v.contains(" ")) {
          throw new IllegalArgumentException("goBinary " + packagePath + ": variable " + k + " has a space: " + v);
        }
        x.add(k + "=" + v);
      });
      goBinaries.add(new GoBinary(packagePath, version, target(target), x));
      return this;
    }

    /**
     * The jar of each Maven artifact ({@code group:artifact:version}) and of its runtime
     * dependencies, from Maven Central through this machine's Maven, in the folder {@code folder}.
     */
    public Builder mavenArtifacts(String folder, String... coordinates) {
      if (coordinates.length == 0) {
        throw new IllegalArgumentException("mavenArtifacts " + folder + ": no coordinates");
      }
      for (String c : coordinates) {
        if (!c.matches("[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+")) {
          throw new IllegalArgumentException("mavenArtifacts: not group:artifact:version: " + c);
        }
      }
      mavenArtifacts.add(new MavenArtifacts(List.of(coordinates), target(folder)));
      return this;
    }

    /** A copy of {@code source} (a file of this machine) at {@code target}, owned by root. */
    public Builder file(Path source, String target, int mode) {
      if (!Files.isRegularFile(source)) {
        throw new IllegalArgumentException("file: " + source + " is not a file");
      }
      overlays.add(new Overlay.FileFrom(source.toAbsolutePath(), target(target), mode(mode)));
      return this;
    }

    /** A file at {@code target} holding {@code content} in UTF-8, owned by root. */
    public Builder text(String content, String target, int mode) {
      Objects.requireNonNull(content, "content");
      overlays.add(new Overlay.Text(content, target(target), mode(mode)));
      return this;
    }

    /** A folder at {@code target} owned by {@code uid:gid}. */
    public Builder directory(String target, int mode, int uid, int gid) {
      if (uid < 0 || gid < 0) {
        throw new IllegalArgumentException("directory " + target + ": uid and gid must be >= 0 but were " + uid + ":" + gid);
      }
      overlays.add(new Overlay.Directory(target(target), mode(mode), uid, gid));
      return this;
    }

    /** A symbolic link at {@code target} pointing to {@code linkTo}. */
    public Builder symlink(String target, String linkTo) {
      Objects.requireNonNull(linkTo, "linkTo");
      overlays.add(new Overlay.Symlink(target(target), linkTo));
      return this;
    }

    /** The config's {@code Entrypoint}. */
    public Builder entrypoint(String... entrypoint) {
      this.entrypoint = List.of(entrypoint);
      return this;
    }

    /** The config's {@code Cmd}. */
    public Builder cmd(String... cmd) {
      this.cmd = List.of(cmd);
      return this;
    }

    /** The config's {@code User} ({@code "1001"}, {@code "65535:65535"}); root when unset. */
    public Builder user(String user) {
      this.user = Objects.requireNonNull(user, "user");
      return this;
    }

    /** The config's {@code WorkingDir}, an absolute path ({@code /} included). */
    public Builder workdir(String workdir) {
      this.workdir = "/".equals(workdir) ? workdir : target(workdir);
      return this;
    }

    /** One variable of the config's {@code Env}; {@code PATH} is the usual one unless set here. */
    public Builder env(String name, String value) {
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("env: not a variable name: " + name);
      }
      env.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * The recipe; nothing is built yet.
     *
     * @throws IllegalArgumentException when two entries have the same path in the image
     */
    public ContainerImage build() {
      Set<String> targets = new HashSet<>();
      List<String> paths = new ArrayList<>();
      goBinaries.forEach(g -> paths.add(g.target()));
      overlays.forEach(o -> paths.add(o.target()));
      for (String path : paths) {
        if (!targets.add(path)) {
          throw new IllegalArgumentException(reference + ": two entries for " + path + " in the image");
        }
      }
      List<String> environment = new ArrayList<>();
      environment.add("PATH=" + env.getOrDefault("PATH", PATH));
      env.forEach((k, v) -> {
        if (!k.equals("PATH")) {
          environment.add(k + "=" + v);
        }
      });
      return new ContainerImage(new ImageRecipe(reference, debianPackages, accounts, busybox, goBinaries,
          mavenArtifacts, overlays, entrypoint, cmd, user, workdir, environment));
    }

    private static String target(String target) {
      Objects.requireNonNull(target, "target");
      if (!target.startsWith("/") || target.length() < 2 || target.endsWith("/")
          || Arrays.asList(target.split("/")).contains("..") || target.contains("//")) {
        throw new IllegalArgumentException("a path in the image must be absolute, without .. or a"
            + " trailing /, but was " + target);
      }
      return target;
    }

    private static int mode(int mode) {
      if (mode < 0 || mode > 07777) {
        throw new IllegalArgumentException("mode must be within 0 and 07777 but was 0" + Integer.toOctalString(mode));
      }
      return mode;
    }
  }
}
