/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.internal;

import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentListener;
import io.openim.deploy.Secret;
import io.openim.deploy.core.render.PlanYaml;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a local program and waits for it, with a timeout. No shell is involved: the command is the
 * program and its arguments. Standard output and error are merged and read line by line as they
 * come; each line, with every masked secret replaced by {@value PlanYaml#REDACTED}, is a {@link
 * DeploymentEvent.CommandOutput} event, and the end is a {@link DeploymentEvent.CommandFinished}
 * (exit code -1 when the program was stopped at its timeout). A program that runs past its timeout
 * is stopped with its whole process tree: every descendant is asked to end (SIGTERM), and what is
 * still there after {@link #GRACE} is killed.
 *
 * <p>Thread-safe: each {@link #run} has its own process and reader thread.
 */
public final class ProcessRunner {
  /** How many of the last output lines a {@link Result} keeps for error messages. */
  public static final int TAIL_LINES = 40;

  /** How long a stopped process tree may take to end on SIGTERM before it is killed. */
  static final Duration GRACE = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);

  private final DeploymentListener listener;
  /** The secrets' values, longest first, so a secret containing another is masked whole. */
  private final List<String> masked;
  private final AtomicBoolean listenerFailed = new AtomicBoolean();

  /** A runner that sends events to {@code listener} and masks {@code masked} everywhere it prints. */
  public ProcessRunner(DeploymentListener listener, List<Secret> masked) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.masked = masked.stream().map(Secret::reveal).distinct()
        .sorted(Comparator.comparingInt(String::length).reversed()).collect(Collectors.toUnmodifiableList());
  }

  /**
   * Runs {@code command} with {@code env} added to this process's environment, writes {@code
   * stdin} to its standard input and closes it ({@code null}: closes it at once, so a program that
   * reads gets end-of-file), and waits at most {@code timeout}.
   *
   * @return the exit code (-1 when stopped at the timeout), the last {@value #TAIL_LINES} lines
   *     masked, and how long it ran
   * @throws IOException if the program cannot be started
   * @throws InterruptedIOException if this thread is interrupted while waiting; the process tree
   *     is stopped first and the interrupt flag is set again
   */
  public Result run(List<String> command, Map<String, String> env, @Nullable String stdin, Duration timeout)
      throws IOException {
    Objects.requireNonNull(env, "env");
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command is empty: give the program and its arguments");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
    }
    String shown = shown(command);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    long start = System.nanoTime();
    Process process = builder.start();
    Tail tail = new Tail();
    Thread reader = new Thread(() -> read(process.getInputStream(), shown, tail), "output of " + shown);
    reader.setDaemon(true);
    reader.start();
    feed(process, stdin);
    boolean finished;
    try {
      finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      stopTree(process);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + shown + ", which was stopped");
    }
    if (!finished) {
      stopTree(process);
    }
    awaitOutput(reader);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    int exitCode = finished ? process.exitValue() : -1;
    emit(new DeploymentEvent.CommandFinished(Instant.now(), shown, exitCode, took));
    return new Result(exitCode, tail.lines(), took, !finished);
  }

  /**
   * How events and errors show {@code command}: the program's file name and the arguments, an
   * argument with white space in single quotes, every secret masked.
   */
  public String shown(List<String> command) {
    String program = command.get(0);
    StringBuilder out = new StringBuilder(program.substring(program.lastIndexOf('/') + 1));
    for (String argument : command.subList(1, command.size())) {
      boolean quote = argument.isEmpty() || argument.chars().anyMatch(Character::isWhitespace);
      out.append(' ').append(quote ? "'" + argument + "'" : argument);
    }
    return mask(out.toString());
  }

  /** {@code text} with every masked secret replaced by {@value PlanYaml#REDACTED}. */
  public String mask(String text) {
    String out = text;
    for (String secret : masked) {
      out = out.replace(secret, PlanYaml.REDACTED);
    }
    return out;
  }

  private static void feed(Process process, @Nullable String stdin) {
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // The program ended or closed its input before reading it all: its exit code tells the rest.
      LOG.debug("standard input not written whole: {}", e.getMessage());
    }
  }

  private void read(InputStream output, String shown, Tail tail) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String clean = mask(line);
        tail.add(clean);
        emit(new DeploymentEvent.CommandOutput(Instant.now(), shown, clean));
      }
    } catch (IOException e) {
      // The pipe closes under the reader when the process tree is stopped.
      LOG.debug("output of {} ended: {}", shown, e.getMessage());
    }
  }

  /** Waits for the reader to reach the end of the output; a descendant still holding the pipe is not waited for. */
  private static void awaitOutput(Thread reader) {
    try {
      reader.join(GRACE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (reader.isAlive()) {
      LOG.debug("{}: a process left behind still holds the output open; not waiting for it", reader.getName());
    }
  }

  private void emit(DeploymentEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      if (listenerFailed.compareAndSet(false, true)) {
        LOG.warn("a deployment listener threw; its exceptions are ignored from now on", e);
      }
    }
  }

  /**
   * Stops {@code process} and its descendants: SIGTERM to all, then SIGKILL to what is left after
   * {@link #GRACE}. The descendants are listed before the process is signalled: once it is gone,
   * its children belong to init and are no longer found through it.
   */
  static void stopTree(Process process) {
    Set<ProcessHandle> tree = new LinkedHashSet<>();
    tree.add(process.toHandle());
    process.descendants().forEach(tree::add);
    tree.forEach(ProcessHandle::destroy);
    if (!awaitExit(tree)) {
      process.descendants().forEach(tree::add); // started while it was being stopped
      tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
      if (!awaitExit(tree)) {
        LOG.warn("processes {} did not end after SIGKILL", tree.stream().filter(ProcessHandle::isAlive)
            .map(h -> String.valueOf(h.pid())).collect(Collectors.joining(", ")));
      }
    }
  }

  /** Whether every process in {@code tree} ended within {@link #GRACE}. */
  private static boolean awaitExit(Collection<ProcessHandle> tree) {
    long deadline = System.nanoTime() + GRACE.toNanos();
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return false;
      } catch (ExecutionException e) {
        LOG.debug("cannot wait for process {}: {}", handle.pid(), e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** The last {@value #TAIL_LINES} lines, written by the reader thread and read by the caller. */
  private static final class Tail {
    private final ArrayDeque<String> lines = new ArrayDeque<>();

    synchronized void add(String line) {
      if (lines.size() == TAIL_LINES) {
        lines.removeFirst();
      }
      lines.addLast(line);
    }

    synchronized List<String> lines() {
      return List.copyOf(lines);
    }
  }

  /**
   * How a program ended.
   *
   * @param exitCode its exit code, or -1 when it was stopped at the timeout
   * @param tail its last {@value #TAIL_LINES} output lines, masked
   * @param took how long it ran
   * @param timedOut whether it was stopped because it ran past the timeout
   */
  public record Result(int exitCode, List<String> tail, Duration took, boolean timedOut) {
    /** Checks and copies the parts. */
    public Result {
      tail = List.copyOf(tail);
      Objects.requireNonNull(took, "took");
    }
  }
}
