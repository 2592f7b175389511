/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sealos step as a process: its command line and environment, the answer to a prompt, and its
 * end turned into a {@link SealosException} saying what failed and what next. sealos v5.1.1
 * (docs/sealos.md): any error exits 1, success 0; a confirmation prompt wants this machine's host
 * name typed and, reading end-of-file, exits 1.
 */
final class SealosProcess {
  private static final Logger LOG = LoggerFactory.getLogger(SealosProcess.class);
  private static final Path KERNEL_HOST_NAME = Path.of("/proc/sys/kernel/hostname");
  private static final String CONFIRM = "sealos asked for confirmation (this machine's host name typed) and read"
      + " end-of-file, so it changed nothing; pass --yes / confirm(true) to let openim-deploy answer it.";

  private final Path executable;
  private final Map<String, String> env;
  private final String cluster;
  private final Duration timeout;
  private final boolean confirm;
  private final ProcessRunner runner;

  SealosProcess(Path executable, Path runtimeRoot, @Nullable Path dataRoot, String cluster, Duration timeout,
      boolean confirm, ProcessRunner runner) {
    this.executable = executable;
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("SEALOS_RUNTIME_ROOT", runtimeRoot.toString()); // where the state lives (docs/sealos.md)
    if (dataRoot != null) {
      environment.put("SEALOS_DATA_ROOT", dataRoot.toString());
    }
    this.env = Map.copyOf(environment);
    this.cluster = cluster;
    this.timeout = timeout;
    this.confirm = confirm;
    this.runner = runner;
  }

  /** Whether the caller confirmed sealos's prompts, so a step may use the flags that skip them. */
  boolean confirmed() {
    return confirm;
  }

  /**
   * Runs {@code sealos <args>}, {@code --cluster} added after the subcommand for a cluster other
   * than the default ({@code apply} takes the name from the Clusterfile). Standard input gets the
   * host name when confirmed, and is closed at once otherwise.
   *
   * @param mayPrompt whether sealos may ask for confirmation in this step: a failure without
   *     confirmation then says so
   * @param whatNext what the caller can do when the step fails
   * @throws SealosException if it cannot start, exits non-zero or runs past the timeout
   */
  ProcessRunner.Result run(List<String> args, boolean mayPrompt, String whatNext) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.add(args.get(0));
    if (!cluster.equals(SealosCli.DEFAULT_CLUSTER) && !args.get(0).equals("apply")) {
      // run, add, delete and reset take --cluster, default "default" (sealos v5.1.1,
      // lifecycle/pkg/apply/args.go, Cluster and ClusterName.RegisterFlags); apply reads the name
      // from the Clusterfile's metadata.name instead.
      command.add("--cluster");
      command.add(cluster);
    }
    command.addAll(args.subList(1, args.size()));
    String shown = runner.shown(command);
    ProcessRunner.Result result;
    try {
      result = runner.run(command, env, confirm ? hostName() + "\n" : null, timeout);
    } catch (InterruptedIOException e) {
      throw SealosException.interrupted(shown, e);
    } catch (IOException e) {
      throw SealosException.refused(shown, "cannot start " + executable + " (" + e.getMessage() + "); install"
          + " sealos there or give its path", e);
    }
    if (result.timedOut()) {
      throw SealosException.timedOut(shown, timeout, result, "The cluster may be half changed: run the step"
          + " again (it leaves out what is done), or give it more time with stepTimeout(...).");
    }
    if (result.exitCode() != 0) {
      throw SealosException.failed(shown, result, mayPrompt && !confirm ? CONFIRM : whatNext);
    }
    return result;
  }

  /**
   * This machine's host name, as sealos's prompt wants it typed: the kernel's, which the {@code
   * hostname} command prints and Go's {@code os.Hostname} returns (it reads this file on Linux).
   * Not {@code InetAddress.getLocalHost().getHostName()}: that one resolves the name and may give a
   * fully qualified name or {@code localhost} instead.
   */
  static String hostName() {
    try {
      String name = Files.readString(KERNEL_HOST_NAME, StandardCharsets.UTF_8).strip();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException e) {
      LOG.debug("cannot read {}: {}", KERNEL_HOST_NAME, e.getMessage());
    }
    throw SealosException.refused("answer sealos's confirmation", "cannot read this machine's host name from "
        + KERNEL_HOST_NAME + "; sealos runs on Linux only");
  }
}
