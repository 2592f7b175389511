/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a test image is made of: the root filesystem's sources, the files added over it, and the
 * image config. {@link #canonical()} is the text the cache key is hashed from.
 */
public record ImageRecipe(
    String reference,
    List<String> debianPackages,
    List<Account> accounts,
    boolean busybox,
    List<GoBinary> goBinaries,
    List<MavenArtifacts> mavenArtifacts,
    List<Overlay> overlays,
    List<String> entrypoint,
    List<String> cmd,
    String user,
    String workdir,
    List<String> env) {

  /** Copies the lists. */
  public ImageRecipe {
    Objects.requireNonNull(reference, "reference");
    debianPackages = List.copyOf(debianPackages);
    accounts = List.copyOf(accounts);
    goBinaries = List.copyOf(goBinaries);
    mavenArtifacts = List.copyOf(mavenArtifacts);
    overlays = List.copyOf(overlays);
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(workdir, "workdir");
    env = List.copyOf(env);
  }

  /** Whether the root filesystem starts from the shared Debian base. */
  public boolean debian() {
    return !debianPackages.isEmpty();
  }

  /** A group and a system user of the same name. */
  public record Account(String name, int uid, int gid) {
    /** Checks the name. */
    public Account {
      Objects.requireNonNull(name, "name");
    }
  }

  /** A static Go program built from the Go module proxy and placed at {@code target}. */
  public record GoBinary(String packagePath, String version, String target, List<String> variables) {
    /** Copies the {@code -X} variables ({@code importpath.name=value}). */
    public GoBinary {
      Objects.requireNonNull(packagePath, "packagePath");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(target, "target");
      variables = List.copyOf(variables);
    }
  }

  /** Maven artifacts and their runtime dependencies from Maven Central, as jars in {@code folder}. */
  public record MavenArtifacts(List<String> coordinates, String folder) {
    /** Copies the coordinates ({@code group:artifact:version}). */
    public MavenArtifacts {
      coordinates = List.copyOf(coordinates);
      Objects.requireNonNull(folder, "folder");
    }
  }

  /** Something put into the image over the root filesystem. */
  public sealed interface Overlay {
    /** The absolute path in the image. */
    String target();

    /** A copy of a file of this machine, owned by root. */
    record FileFrom(Path source, String target, int mode) implements Overlay {}

    /** A file with the given UTF-8 content, owned by root. */
    record Text(String content, String target, int mode) implements Overlay {}

    /** A folder with the given mode and owner. */
    record Directory(String target, int mode, int uid, int gid) implements Overlay {}

    /** A symbolic link at {@code target} to {@code linkTo}. */
    record Symlink(String target, String linkTo) implements Overlay {}
  }

  /** One line per ingredient, file contents by their SHA-256: what the cache key is made from. */
  public String canonical() {
    StringBuilder out = new StringBuilder();
    out.append("reference ").append(reference).append('\n');
    debianPackages.forEach(p -> out.append("debian ").append(p).append('\n'));
    accounts.forEach(a -> out.append("account ").append(a).append('\n'));
    out.append("busybox ").append(busybox).append('\n');
    goBinaries.forEach(g -> out.append("go ").append(g).append('\n'));
    mavenArtifacts.forEach(m -> out.append("maven ").append(m).append('\n'));
    for (Overlay overlay : overlays) {
      if (overlay instanceof Overlay.FileFrom file) {
        out.append("file ").append(file.target()).append(' ').append(Integer.toOctalString(file.mode()))
            .append(' ').append(Hashes.sha256(read(file.source()))).append('\n');
      } else if (overlay instanceof Overlay.Text text) {
        out.append("text ").append(text.target()).append(' ').append(Integer.toOctalString(text.mode()))
            .append(' ').append(Hashes.sha256(text.content().getBytes(StandardCharsets.UTF_8))).append('\n');
      } else {
        out.append("overlay ").append(overlay).append('\n');
      }
    }
    out.append("entrypoint ").append(entrypoint).append('\n');
    out.append("cmd ").append(cmd).append('\n');
    out.append("user ").append(user).append('\n');
    out.append("workdir ").append(workdir).append('\n');
    out.append("env ").append(env).append('\n');
    return out.toString();
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + " for a test image", e);
    }
  }
}
