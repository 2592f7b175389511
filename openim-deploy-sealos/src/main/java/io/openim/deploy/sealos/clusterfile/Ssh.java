/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile;

import io.openim.deploy.Secret;
import io.openim.deploy.sealos.clusterfile.internal.PrivateFiles;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How sealos logs in to every host of a Clusterfile: {@code spec.ssh}, with {@code user}, {@code
 * port}, and either a private key file ({@code pk}, with its passphrase {@code pkPasswd} if it has
 * one) or a password ({@code passwd}) (docs/sealos.md).
 *
 * <p>Passwords and passphrases are read from files by the factories, never passed on a command
 * line or written in a spec; they are {@link Secret}s, so {@link #toString()} shows {@code
 * Secret[****]}. The values are checked when the {@link Clusterfile} holding them is built.
 *
 * @param user the login user
 * @param port the SSH port of hosts whose address names none
 * @param privateKey the private key file, an absolute path on the machine that runs sealos; null
 *     when logging in by password
 * @param password the login password; null when logging in by key
 * @param keyPassphrase the private key's passphrase; null for a key without one
 * @since 0.3
 */
public record Ssh(String user, int port, @Nullable Path privateKey, @Nullable Secret password,
                  @Nullable Secret keyPassphrase) {
  /** The SSH port when nothing else is said. */
  public static final int DEFAULT_PORT = 22;

  /** Checks that the user is given. */
  public Ssh {
    Objects.requireNonNull(user, "user");
  }

  /** Logs in as {@code user} on {@code port} with the private key file {@code key}, which has no passphrase. */
  public static Ssh key(String user, int port, Path key) {
    return new Ssh(user, port, Objects.requireNonNull(key, "key"), null, null);
  }

  /**
   * Logs in as {@code user} on {@code port} with the private key file {@code key}, whose
   * passphrase is read now from {@code passphraseFile} (UTF-8, trailing line breaks dropped).
   *
   * @throws ClusterfileException if the file cannot be read or is empty
   */
  public static Ssh key(String user, int port, Path key, Path passphraseFile) {
    return new Ssh(user, port, Objects.requireNonNull(key, "key"), null,
        PrivateFiles.readSecret(passphraseFile, "spec.ssh.pkPasswd", "key passphrase"));
  }

  /**
   * Logs in as {@code user} on {@code port} with the password read now from {@code passwordFile}
   * (UTF-8, trailing line breaks dropped).
   *
   * @throws ClusterfileException if the file cannot be read or is empty
   */
  public static Ssh passwordFromFile(String user, int port, Path passwordFile) {
    return new Ssh(user, port, null, PrivateFiles.readSecret(passwordFile, "spec.ssh.passwd", "password"), null);
  }
}
