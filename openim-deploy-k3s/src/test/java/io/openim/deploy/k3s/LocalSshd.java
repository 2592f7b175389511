/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server (Debian's openssh-server) on 127.0.0.1 and a free port, with its own host
 * key and one authorized client key, for tests that provision "hosts" over SSH. Public for the
 * CLI's tests, which get it through this module's test jar.
 */
public final class LocalSshd implements AutoCloseable {
  static final Path SSHD = Path.of("/usr/sbin/sshd");

  /** The server's folder: keys, config, log. */
  public final Path dir;
  /** The port it listens on, on 127.0.0.1. */
  public final int port;
  /** The private key it accepts. */
  public final Path clientKey;
  /** A known-hosts file that lists its host key for {@code [127.0.0.1]:port}. */
  public final Path knownHosts;
  private final Process process;

  private LocalSshd(Path dir, int port, Path clientKey, Path knownHosts, Process process) {
    this.dir = dir;
    this.port = port;
    this.clientKey = clientKey;
    this.knownHosts = knownHosts;
    this.process = process;
  }

  /** Starts a server with its files in {@code dir}, and returns once it accepts connections. */
  public static LocalSshd start(Path dir) throws IOException, InterruptedException {
    if (!Files.isExecutable(SSHD)) {
      throw new IllegalStateException(SSHD + " is missing: install Debian's openssh-server (.ci/run does)");
    }
    Path hostKey = dir.resolve("host_rsa");
    Path clientKey = dir.resolve("client_rsa");
    exec("ssh-keygen", "-q", "-t", "rsa", "-b", "3072", "-N", "", "-f", hostKey.toString());
    exec("ssh-keygen", "-q", "-t", "rsa", "-b", "3072", "-N", "", "-f", clientKey.toString());
    Files.copy(clientKey.resolveSibling("client_rsa.pub"), dir.resolve("authorized_keys"));
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path config = Files.writeString(dir.resolve("sshd_config"), String.join("\n",
        "Port " + port,
        "ListenAddress 127.0.0.1",
        "HostKey " + hostKey,
        "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PermitRootLogin prohibit-password",
        "StrictModes no",
        "UsePAM no",
        "PidFile " + dir.resolve("sshd.pid"),
        "Subsystem sftp internal-sftp",
        ""));
    Files.createDirectories(Path.of("/run/sshd"));
    Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
        break;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IllegalStateException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
        }
        Thread.sleep(100);
      }
    }
    String hostPublic = Files.readString(hostKey.resolveSibling("host_rsa.pub")).strip();
    Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + hostPublic + "\n");
    return new LocalSshd(dir, port, clientKey, knownHosts, process);
  }

  /** A known-hosts file that lists another key for this server, as after a host was replaced. */
  Path wrongKnownHosts() throws IOException, InterruptedException {
    Path other = dir.resolve("other_rsa");
    exec("ssh-keygen", "-q", "-t", "rsa", "-b", "3072", "-N", "", "-f", other.toString());
    String key = Files.readString(other.resolveSibling("other_rsa.pub")).strip();
    return Files.writeString(dir.resolve("wrong_known_hosts"), "[127.0.0.1]:" + port + " " + key + "\n");
  }

  private static void exec(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }

  /** Stops the server. */
  @Override
  public void close() {
    process.destroy();
  }
}
