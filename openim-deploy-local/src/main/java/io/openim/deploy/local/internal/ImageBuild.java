/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import io.openim.deploy.local.ImageArchive;
import io.openim.deploy.local.LocalClusterException;
import io.openim.deploy.local.internal.ImageRecipe.Account;
import io.openim.deploy.local.internal.ImageRecipe.GoBinary;
import io.openim.deploy.local.internal.ImageRecipe.Overlay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Builds a test image into the cache, once per recipe: the shared Debian base
 * ({@code debian/}), the Go programs ({@code go/}), busybox ({@code busybox/}) and the archive
 * ({@code <reference>-<key>/image.tar}), each behind {@link BinaryBuild}'s file lock and with its
 * build script's progress lines.
 */
public final class ImageBuild {
  /** The revision of the archive layout; a new one makes new cache keys. */
  private static final String FORMAT = "oci-archive-1";
  private static final String SUITE = "bookworm";

  private final Path cache;
  private final Map<String, String> environment;
  private final Consumer<String> progress;

  /** Builds under {@code cache} (the {@code images} folder) with {@code environment}. */
  public ImageBuild(Path cache, Map<String, String> environment, Consumer<String> progress) {
    this.cache = cache;
    this.environment = Map.copyOf(environment);
    this.progress = progress;
  }

  /** {@code $XDG_CACHE_HOME/openim-deploy/images}, {@code ~/.cache} when that is unset. */
  public static Path defaultCache(Map<String, String> environment, Properties systemProperties) {
    String xdg = environment.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank()
        ? Path.of(xdg)
        : Path.of(systemProperties.getProperty("user.home", "."), ".cache");
    return base.resolve("openim-deploy").resolve("images");
  }

  /** The cache key of {@code recipe}: its ingredients, the scripts that make them and the format. */
  public static String key(ImageRecipe recipe) {
    StringBuilder text = new StringBuilder(FORMAT).append('\n').append(recipe.canonical());
    if (recipe.debian()) {
      text.append(Hashes.resource("build-debian-base.sh")).append(Hashes.resource("build-debian-rootfs.sh"));
    }
    if (!recipe.goBinaries().isEmpty()) {
      text.append(Hashes.resource("build-go-binary.sh"));
    }
    if (recipe.busybox()) {
      text.append(Hashes.resource("build-busybox.sh"));
    }
    if (!recipe.mavenArtifacts().isEmpty()) {
      text.append(Hashes.resource("build-maven-artifacts.sh"));
    }
    return Hashes.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The archive of {@code recipe}, built unless the cache has it. */
  public ImageArchive archive(ImageRecipe recipe) {
    String key = key(recipe);
    Path dir = cache.resolve(slug(recipe.reference()) + "-" + key.substring(0, 12));
    Path file = dir.resolve("image.tar");
    Path digest = dir.resolve("image.digest");
    if (!key.equals(read(dir.resolve("VERSIONS"))) || !Files.isRegularFile(file)) {
      BinaryBuild.once(dir, key, () -> build(recipe, dir, key));
    }
    return new ImageArchive(recipe.reference(), file, read(digest));
  }

  private void build(ImageRecipe recipe, Path dir, String key) {
    Instant started = Instant.now();
    Path work = dir.resolve("work");
    try {
      delete(work);
      Files.createDirectories(work);
      LayerTar layer = new LayerTar();
      List<Overlay> overlays = new ArrayList<>();
      if (recipe.debian()) {
        Path base = debianBase();
        BinaryBuild.script("the root filesystem of " + recipe.reference(), "build-debian-rootfs.sh",
                rootfsArguments(recipe, base, key), "a minute", "chroot",
                "chroot (coreutils) is needed to install Debian packages into {what}; install coreutils.",
                environment, progress)
            .buildInto(work, key);
        layer.rootfs(work.resolve("rootfs"));
      } else if (!recipe.accounts().isEmpty() || recipe.busybox()) {
        overlays.addAll(accountFiles(recipe.accounts()));
      }
      if (recipe.busybox()) {
        Path busybox = busybox();
        overlays.add(new Overlay.FileFrom(busybox, "/bin/busybox", 0755));
        for (String applet : LayerTar.busyboxApplets(run(busybox, "--list-full"))) {
          if (!applet.equals("/bin/busybox") && !layer.has(applet)) {
            overlays.add(new Overlay.Symlink(applet, "/bin/busybox"));
          }
        }
      }
      for (GoBinary go : recipe.goBinaries()) {
        overlays.add(new Overlay.FileFrom(goBinary(go), go.target(), 0755));
      }
      for (ImageRecipe.MavenArtifacts maven : recipe.mavenArtifacts()) {
        Path lib = mavenArtifacts(maven.coordinates());
        try (Stream<Path> jars = Files.list(lib)) {
          for (Path jar : jars.sorted().toList()) {
            overlays.add(new Overlay.FileFrom(jar, maven.folder() + "/" + jar.getFileName(), 0644));
          }
        }
      }
      overlays.addAll(recipe.overlays());
      overlays.forEach(layer::overlay);
      progress.accept("Packing " + recipe.reference() + " into " + dir);
      Path layerFile = work.resolve("layer.tar.gz");
      LayerTar.Written written = layer.write(layerFile);
      Path partial = dir.resolve("image.tar.partial");
      String manifest = OciArchive.write(recipe, layerFile, written, partial);
      Files.move(partial, dir.resolve("image.tar"), StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(dir.resolve("image.digest"), manifest + "\n");
      delete(work);
      Files.writeString(dir.resolve("VERSIONS"), key + "\n");
      progress.accept("Built " + recipe.reference() + " (" + Files.size(dir.resolve("image.tar")) / (1024 * 1024)
          + " MiB, " + manifest + ") in " + Duration.between(started, Instant.now()).toSeconds() + " s");
    } catch (IOException e) {
      throw new UncheckedIOException("could not build the test image " + recipe.reference() + " in " + dir, e);
    }
  }

  private static List<String> rootfsArguments(ImageRecipe recipe, Path base, String key) {
    List<String> arguments = new ArrayList<>();
    arguments.add(key);
    arguments.add(base.resolve("rootfs").toString());
    arguments.add(recipe.accounts().isEmpty() ? "-" : String.join(",", recipe.accounts().stream()
        .map(a -> a.name() + ":" + a.uid() + ":" + a.gid()).toList()));
    arguments.addAll(recipe.debianPackages());
    return arguments;
  }

  /** /etc/passwd and /etc/group with root and the accounts, for images without Debian. */
  private static List<Overlay> accountFiles(List<Account> accounts) {
    StringBuilder passwd = new StringBuilder("root:x:0:0:root:/root:/bin/sh\n");
    StringBuilder group = new StringBuilder("root:x:0:\n");
    for (Account a : accounts) {
      passwd.append(a.name()).append(":x:").append(a.uid()).append(':').append(a.gid())
          .append("::/nonexistent:/sbin/nologin\n");
      group.append(a.name()).append(":x:").append(a.gid()).append(":\n");
    }
    return List.of(new Overlay.Text(passwd.toString(), "/etc/passwd", 0644),
        new Overlay.Text(group.toString(), "/etc/group", 0644),
        new Overlay.Directory("/root", 0700, 0, 0),
        new Overlay.Directory("/tmp", 01777, 0, 0));
  }

  private Path debianBase() {
    String key = Hashes.resource("build-debian-base.sh");
    Path dir = cache.resolve("debian").resolve(SUITE + "-minbase-" + key.substring(0, 12));
    String marker = SUITE + " minbase " + key;
    if (!marker.equals(read(dir.resolve("VERSIONS")))) {
      BinaryBuild.script("the Debian " + SUITE + " base of test images", "build-debian-base.sh",
              List.of(marker, SUITE), "a minute or two", "debootstrap",
              "debootstrap is needed to build {what} into {directory}; install it (apt-get install debootstrap).",
              environment, progress)
          .buildInto(dir, marker);
    }
    return dir;
  }

  private Path busybox() {
    String key = Hashes.resource("build-busybox.sh");
    Path dir = cache.resolve("busybox").resolve(key.substring(0, 12));
    if (!key.equals(read(dir.resolve("VERSIONS")))) {
      BinaryBuild.script("Debian's static busybox for test images", "build-busybox.sh", List.of(key),
              "seconds", "apt-get", "apt-get is needed to fetch {what}; build test images on Debian or Ubuntu.",
              environment, progress)
          .buildInto(dir, key);
    }
    return dir.resolve("busybox");
  }

  private Path goBinary(GoBinary go) {
    String name = go.target().substring(go.target().lastIndexOf('/') + 1);
    String key = Hashes.sha256((go + name + Hashes.resource("build-go-binary.sh")).getBytes(StandardCharsets.UTF_8));
    Path dir = cache.resolve("go").resolve(slug(go.packagePath()) + "@" + go.version() + "-" + key.substring(0, 12));
    if (!key.equals(read(dir.resolve("VERSIONS")))) {
      List<String> arguments = new ArrayList<>(List.of(key, go.packagePath(), go.version(), name));
      go.variables().forEach(v -> arguments.add("-X " + v));
      BinaryBuild.script(go.packagePath() + "@" + go.version(), "build-go-binary.sh", arguments,
              "one to five minutes", "go",
              "Go is needed to build {what} for a test image into {directory}; install Go"
                  + " (https://go.dev/doc/install, or the golang package of your system) and put it on PATH.",
              environment, progress)
          .buildInto(dir, key);
    }
    return dir.resolve("bin").resolve(name);
  }

  private Path mavenArtifacts(List<String> coordinates) {
    String key = Hashes.sha256((coordinates + Hashes.resource("build-maven-artifacts.sh")).getBytes(StandardCharsets.UTF_8));
    Path dir = cache.resolve("maven").resolve(slug(coordinates.get(0)) + "-" + key.substring(0, 12));
    if (!key.equals(read(dir.resolve("VERSIONS")))) {
      List<String> arguments = new ArrayList<>(List.of(key));
      arguments.addAll(coordinates);
      BinaryBuild.script(String.join(", ", coordinates) + " from Maven Central", "build-maven-artifacts.sh",
              arguments, "a minute", "mvn", "Maven (mvn) is needed to fetch {what}; install it (apt-get install maven).",
              environment, progress)
          .buildInto(dir, key);
    }
    return dir.resolve("lib");
  }

  private static String run(Path program, String argument) throws IOException {
    Process process = new ProcessBuilder(program.toString(), argument).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new LocalClusterException(program + " " + argument + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalClusterException("interrupted while running " + program, e);
    }
    return out;
  }

  static String slug(String text) {
    return text.replaceAll("[^A-Za-z0-9._-]+", "_");
  }

  private static String read(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file).strip() : "";
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
