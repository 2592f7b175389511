/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s.internal;

import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentListener;
import io.openim.deploy.Host;
import io.openim.deploy.ProvisioningException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/** One SSH session to a host: commands with their output and exit code, and file transfer by SFTP. */
public final class SshHost implements AutoCloseable {
  private final String name;
  private final ClientSession session;
  private final SftpClient sftp;
  private final DeploymentListener listener;
  private final Duration timeout;

  private SshHost(String name, ClientSession session, SftpClient sftp, DeploymentListener listener, Duration timeout) {
    this.name = name;
    this.session = session;
    this.sftp = sftp;
    this.listener = listener;
    this.timeout = timeout;
  }

  /** Connects and authenticates; the client's host key verifier decides whether the host is trusted. */
  public static SshHost connect(SshClient client, Host host, DeploymentListener listener, Duration timeout) {
    String name = nameOf(host);
    ClientSession session = null;
    try {
      session = client.connect(host.user(), host.address(), host.port()).verify(timeout).getSession();
      session.auth().verify(timeout);
      return new SshHost(name, session, SftpClientFactory.instance().createSftpClient(session), listener, timeout);
    } catch (IOException | RuntimeException e) {
      if (session != null) {
        try {
          session.close();
        } catch (IOException ignored) {
          // already failing
        }
      }
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new ProvisioningException(name, "cannot open an SSH session (" + why + "); check the address, the"
          + " key, and that the host's key is in the known hosts file", e);
    }
  }

  /** How messages and events name {@code host}: {@code user@address:port}. */
  public static String nameOf(Host host) {
    return host.user() + "@" + host.address() + ":" + host.port();
  }

  /** The host, as {@code user@address:port}. */
  public String name() {
    return name;
  }

  /** Runs {@code command}; fails with its output if it exits non-zero. */
  public String run(String command) {
    try (ChannelExec channel = session.createExecChannel(command)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      channel.setOut(out);
      channel.setErr(err);
      channel.open().verify(timeout);
      channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
      Integer exit = channel.getExitStatus();
      int code = exit == null ? -1 : exit;
      listener.onEvent(new DeploymentEvent.RemoteCommand(Instant.now(), name, command, code));
      String stdout = out.toString(StandardCharsets.UTF_8);
      if (code != 0) {
        throw new ProvisioningException(name, "'" + command + "' exited with " + code + ":\n"
            + (stdout + err.toString(StandardCharsets.UTF_8)).strip());
      }
      return stdout;
    } catch (IOException e) {
      throw new ProvisioningException(name, "'" + command + "' could not run: " + e.getMessage(), e);
    }
  }

  /** The content of a remote file, or empty if there is none. */
  public Optional<byte[]> read(String path) {
    try (InputStream in = sftp.read(path)) {
      return Optional.of(in.readAllBytes());
    } catch (SftpException e) {
      if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
        return Optional.empty();
      }
      throw new ProvisioningException(name, "cannot read " + path + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ProvisioningException(name, "cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /** Writes a remote file with the given permissions (octal, such as 0600). */
  public void write(String path, byte[] content, int mode) {
    try (OutputStream out = sftp.write(path)) {
      out.write(content);
    } catch (IOException e) {
      throw new ProvisioningException(name, "cannot write " + path + ": " + e.getMessage(), e);
    }
    chmod(path, mode);
  }

  /** Copies a local file to the host. */
  public void upload(Path local, String path, int mode) {
    try (OutputStream out = sftp.write(path)) {
      Files.copy(local, out);
    } catch (IOException e) {
      throw new ProvisioningException(name, "cannot upload " + local + " to " + path + ": " + e.getMessage(), e);
    }
    chmod(path, mode);
  }

  private void chmod(String path, int mode) {
    try {
      SftpClient.Attributes attributes = new SftpClient.Attributes();
      attributes.setPermissions(mode);
      sftp.setStat(path, attributes);
    } catch (IOException e) {
      throw new ProvisioningException(name, "cannot set the permissions of " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      sftp.close();
      session.close();
    } catch (IOException ignored) {
      // closing a session that failed
    }
  }
}
