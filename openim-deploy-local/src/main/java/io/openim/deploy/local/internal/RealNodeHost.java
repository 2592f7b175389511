/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import io.openim.deploy.local.LocalClusterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of the real node: the right to be the one real node on this machine (a file lock
 * held while the node lives), and every host change it makes, recorded before it is made and
 * undone by {@code real-node-host.sh teardown} on close, from the watchdog when the JVM dies, and
 * as the sweep at the next start.
 */
public final class RealNodeHost implements AutoCloseable {
  /** The node's address; the API server listens on it so that pods reach it. */
  public static final String NODE_ADDRESS = "10.231.0.1";

  /** The pods' address range on the real node. */
  public static final String POD_CIDR = "10.232.0.0/24";

  /** The cgroup, under each controller's root, that every pod of the node lives in. */
  public static final String CGROUP_ROOT = "/openim-deploy-node";

  static final String SCRIPT = "real-node-host.sh";
  private static final Logger LOG = LoggerFactory.getLogger(RealNodeHost.class);

  private final Path runDirectory;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Path script;
  private boolean closed;

  private RealNodeHost(Path runDirectory, FileChannel lockChannel, FileLock lock, Path script) {
    this.runDirectory = runDirectory;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.script = script;
  }

  /**
   * Why this machine cannot run a real node, in one sentence, or null when it can.
   *
   * @param workDirectory a folder to unpack the host script into
   */
  public static @Nullable String unavailableReason(Path workDirectory) {
    Path script = unpack(workDirectory);
    String answer = run(List.of("bash", script.toString(), "check")).output().strip();
    return answer.isEmpty() ? null : answer;
  }

  /**
   * Takes this machine's one real-node slot, and undoes what a previous node left behind if its
   * JVM and watchdog both died before they could.
   *
   * @throws LocalClusterException when the machine cannot run a real node, another real node runs
   *     here, or a previous node's changes cannot be undone; the message says which and what next
   */
  public static RealNodeHost claim(Path workDirectory, Path runDirectory) {
    String reason = unavailableReason(workDirectory);
    if (reason != null) {
      throw new LocalClusterException("This machine cannot run a real node: " + reason + ".");
    }
    Path script = unpack(workDirectory);
    FileChannel channel = null;
    try {
      Files.createDirectories(runDirectory);
      channel =
          FileChannel.open(
              runDirectory.resolve("real-node.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null; // this JVM holds it already, for another cluster
      }
      if (lock == null) {
        throw new LocalClusterException(
            "Another local cluster with a real node runs on this machine (it holds "
                + runDirectory.resolve("real-node.lock")
                + "); a real node needs the host's network to itself, so close that cluster first.");
      }
      RealNodeHost host = new RealNodeHost(runDirectory, channel, lock, script);
      if (Files.exists(host.state())) {
        LOG.warn(
            "a previous real node was not torn down (its JVM and watchdog died); undoing what {} records",
            host.state());
        host.teardown();
      }
      String taken = run(List.of("bash", script.toString(), "check-network")).output().strip();
      if (!taken.isEmpty()) {
        host.close();
        throw new LocalClusterException("This machine cannot run a real node: " + taken + ".");
      }
      return host;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("could not claim the real node's lock in " + runDirectory, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** The record of this node's host changes. */
  public Path state() {
    return runDirectory.resolve("real-node.state");
  }

  /** The unpacked host script, for the watchdog. */
  public Path script() {
    return script;
  }

  /** Records, then makes, the host changes for a node working in {@code nodeDirectory}. */
  public void setup(Path nodeDirectory) {
    Result result =
        run(List.of("bash", script.toString(), "setup", state().toString(), nodeDirectory.toString()));
    if (result.exit() != 0) {
      teardown();
      throw new LocalClusterException(
          "Could not prepare the host for the real node (exit " + result.exit() + "):\n"
              + result.output().strip() + "\nEverything it changed was undone.");
    }
    LOG.debug("{}", result.output().strip());
  }

  /** Undoes every recorded host change; throws if something could not be undone. */
  public void teardown() {
    Result result = run(List.of("bash", script.toString(), "teardown", state().toString()));
    if (result.exit() != 0) {
      throw new LocalClusterException(
          "The real node's host changes were not all undone: " + result.output().strip());
    }
  }

  /** Releases this machine's real-node slot; call after {@link #teardown()}. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      try {
        lock.release();
      } catch (IOException e) {
        LOG.debug("could not release the real node's lock", e);
      }
      closeQuietly(lockChannel);
    }
  }

  private static Path unpack(Path workDirectory) {
    Path target = workDirectory.resolve(SCRIPT);
    if (Files.isRegularFile(target)) {
      return target;
    }
    return Resources.copy(SCRIPT, target);
  }

  /** A finished command: its exit code and its standard output and error together. */
  record Result(int exit, String output) {}

  static Result run(List<String> command) {
    try {
      Process process =
          new ProcessBuilder(new ArrayList<>(command))
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return new Result(-1, "timed out: " + String.join(" ", command));
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, "could not run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalClusterException("interrupted while running " + String.join(" ", command), e);
    }
  }

  private static void closeQuietly(@Nullable FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("could not close the real node's lock file", e);
      }
    }
  }
}
