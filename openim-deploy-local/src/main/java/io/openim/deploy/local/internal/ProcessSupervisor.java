/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the control plane's processes and makes sure none outlives the JVM that started it.
 *
 * <p>A shutdown hook is not enough: a JVM killed with SIGKILL runs none. So every supervisor
 * starts a small watchdog shell whose standard input is a pipe from this JVM. The JVM writes the
 * process id of every child it starts into that pipe. When the JVM dies, however it dies, the
 * kernel closes the pipe; the watchdog reads end-of-file, kills every registered process, and
 * removes the work folder. On an orderly {@link #close()} the JVM stops the processes itself and
 * tells the watchdog to leave without doing anything.
 *
 * <p>A cluster that changes the host (a real node) also registers an undo script: the watchdog
 * runs it after the processes are gone and before the folder is removed, and the folder is removed
 * without crossing into file systems mounted below it.
 */
public final class ProcessSupervisor implements AutoCloseable {
  private static final String WATCHDOG =
      String.join(
          "\n",
          "trap '' INT HUP",
          "pids=''",
          "undo=''",
          "while IFS= read -r line; do",
          "  case \"$line\" in",
          "    pid\\ *) pids=\"$pids ${line#pid }\" ;;",
          "    undo\\ *) undo=\"${line#undo }\" ;;",
          "    release) exit 0 ;;",
          "  esac",
          "done",
          "[ -n \"$pids\" ] && kill -TERM $pids 2>/dev/null",
          "for i in 1 2 3 4 5 6 7 8 9 10; do",
          "  alive=''",
          "  for p in $pids; do kill -0 \"$p\" 2>/dev/null && alive=\"$alive $p\"; done",
          "  [ -z \"$alive\" ] && break",
          "  sleep 0.5",
          "done",
          "[ -n \"$alive\" ] && kill -KILL $alive 2>/dev/null",
          "[ -n \"$undo\" ] && bash $undo >/dev/null 2>&1",
          "rm -rf --one-file-system -- \"$1\"",
          "exit 0",
          "");

  /** A running child process, how it was started, and where its output goes. */
  public record Child(String name, Process process, Path log, List<String> command, Map<String, String> environment) {}

  private final Process watchdog;
  private final OutputStream registry;
  private final Deque<Child> children = new ArrayDeque<>();

  private ProcessSupervisor(Process watchdog) {
    this.watchdog = watchdog;
    this.registry = watchdog.getOutputStream();
  }

  /** Starts the watchdog; it removes {@code workDirectory} if this JVM dies without closing. */
  public static ProcessSupervisor start(Path workDirectory) {
    try {
      Process watchdog =
          new ProcessBuilder("sh", "-c", WATCHDOG, "openim-deploy-watchdog", workDirectory.toString())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      return new ProcessSupervisor(watchdog);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the process watchdog (needs sh)", e);
    }
  }

  /**
   * Starts {@code command} with its output appended to {@code log} and registers it with the
   * watchdog.
   */
  public synchronized Child launch(
      String name, List<String> command, Map<String, String> environment, Path log) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + " (" + command.get(0) + ")", e);
    }
    try {
      registry.write(("pid " + process.pid() + "\n").getBytes(StandardCharsets.US_ASCII));
      registry.flush();
    } catch (IOException e) {
      process.destroyForcibly();
      throw new UncheckedIOException("the process watchdog is gone; refusing to start " + name, e);
    }
    Child child = new Child(name, process, log, List.copyOf(command), Map.copyOf(environment));
    children.push(child);
    return child;
  }

  /**
   * Registers the script the watchdog runs, with {@code argument}, when this JVM dies without
   * closing: after every process is killed, before the work folder is removed. Neither part may
   * contain a line break or a space.
   */
  public synchronized void undoOnDeath(Path script, String... arguments) {
    StringBuilder line = new StringBuilder("undo ").append(script);
    for (String argument : arguments) {
      if (argument.contains(" ") || argument.contains("\n")) {
        throw new IllegalArgumentException("no spaces or line breaks in watchdog arguments: " + argument);
      }
      line.append(' ').append(argument);
    }
    try {
      registry.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      registry.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the process watchdog is gone; refusing to change the host", e);
    }
  }

  /**
   * Kills {@code name} with SIGKILL, as a crash would, waits {@code downtime}, and starts it again
   * with the same command, in the same place of the stop order.
   */
  public synchronized Child restart(String name, Duration downtime) throws InterruptedException {
    List<Child> order = new ArrayList<>(children);
    int index = -1;
    for (int i = 0; i < order.size(); i++) {
      if (order.get(i).name().equals(name)) {
        index = i;
      }
    }
    if (index < 0) {
      throw new IllegalArgumentException("no process called " + name);
    }
    Child old = order.get(index);
    old.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    Thread.sleep(downtime.toMillis());
    children.remove(old);
    Child fresh = launch(name, old.command(), old.environment(), old.log());
    children.remove(fresh);
    order.set(index, fresh);
    children.clear();
    for (int i = order.size() - 1; i >= 0; i--) {
      children.push(order.get(i));
    }
    return fresh;
  }

  /** The running children, in start order. */
  public synchronized List<Child> children() {
    List<Child> inStartOrder = new ArrayList<>(children);
    Collections.reverse(inStartOrder);
    return List.copyOf(inStartOrder);
  }

  /** Stops every child, newest first: SIGTERM, then SIGKILL for any still alive after 10 s. */
  public synchronized void stopAll() {
    while (!children.isEmpty()) {
      Child child = children.pop();
      Process process = child.process();
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops every child and lets the watchdog go without touching anything. */
  @Override
  public synchronized void close() {
    stopAll();
    try {
      registry.write("release\n".getBytes(StandardCharsets.US_ASCII));
      registry.close();
      watchdog.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      // the watchdog is already gone; nothing is left for it to do
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      watchdog.destroy();
    }
  }
}
