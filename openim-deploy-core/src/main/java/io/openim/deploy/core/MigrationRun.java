/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.ComponentStatus;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentException;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.core.MigrationPlan.Step;
import io.openim.deploy.core.internal.BackupJobs;
import io.openim.deploy.core.internal.ComposeSource;
import io.openim.deploy.core.internal.DataOperations;
import io.openim.deploy.core.internal.ReleasePods;
import io.openim.deploy.core.internal.ReleaseOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Runs a {@link MigrationPlan} step by step; the first failed verification stops it. */
final class MigrationRun {
  private static final int CONNECT_TIMEOUT_MS = 2000;

  private final ReleaseOperations releases;
  private final DataOperations data;
  private String lastBackup = "";

  MigrationRun(ReleaseOperations releases, DataOperations data) {
    this.releases = releases;
    this.data = data;
  }

  MigrationPlan.Result run(MigrationPlan plan, MigrationPlan.Confirmation confirmation) {
    List<Step> done = new ArrayList<>();
    DeploymentSpec spec = plan.spec();
    String operation = "migrate " + ReleaseRef.of(spec);
    MigrationState state = MigrationState.read(plan.specDirectory());
    lastBackup = state.backup();
    for (Step step : plan.steps()) {
      String progress = step.number() + "/" + plan.steps().size() + " " + step.name();
      if (state.done().contains(step.name())) {
        emit(operation, progress + ": done in an earlier run (" + plan.specDirectory().resolve(MigrationState.FILE)
            + " says so)");
        done.add(step);
        continue;
      }
      emit(operation, progress + ": " + step.action());
      if (step.actor() != MigrationPlan.Actor.OPENIM_DEPLOY && !confirmation.confirm(step)) {
        return new MigrationPlan.Result(done, step, "stopped before step " + step.number() + " (" + step.name()
            + ") as asked; run again to go on from here", done.isEmpty() ? "nothing to undo: nothing was done"
            : done.get(done.size() - 1).rollback());
      }
      try {
        spec = perform(plan, step, spec);
      } catch (DeploymentException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
        return new MigrationPlan.Result(done, step, e.getMessage(), step.rollback());
      }
      done.add(step);
      state = state.with(step.name(), lastBackup);
      state.write(plan.specDirectory());
    }
    return new MigrationPlan.Result(done, null, null, null);
  }

  private void emit(String operation, String step) {
    releases.connection().emit(new DeploymentEvent.StepStarted(Instant.now(), operation, step));
  }

  /** Does one step and verifies it; returns the spec from then on. */
  private DeploymentSpec perform(MigrationPlan plan, Step step, DeploymentSpec spec) {
    ComposeSource source = plan.source();
    switch (step.name()) {
      case "spec" -> {
        return writeSpec(plan);
      }
      case "deploy" -> succeeded(releases.apply(ReleasePods.scaledDown(releases.plan(spec)),
          "migrate: deployed with OpenIM at zero"));
      case "freeze" -> notAnswering(source.host(), source.openImPorts(), "OpenIM still answers at");
      case "open" -> {
        answering(source.host(), List.of(plan.mongoPort(), plan.minioPort()));
      }
      case "backup" -> {
        BackupJobs jobs = data.jobs(spec);
        String id = "migrate-" + DataOperations.newId(Instant.now());
        BackupJobs.Endpoints from = jobs.external(id, "the compose host " + source.host(),
            source.host() + ":" + plan.mongoPort(), source.mongoUser(), "http://" + source.host() + ":" + plan.minioPort());
        data.backup(spec, plan.target(), id, from,
            jobs.sourceSecret(id, source.mongoPassword(), source.minioAccessKey(), source.minioSecretKey()));
        lastBackup = id;
      }
      case "restore" -> {
        succeeded(data.restore(spec, plan.target(), lastBackup, false, false));
        allReady(spec);
      }
      case "close" -> notAnswering(source.host(), plan.closedPorts(), "Still answering:");
      case "cut-over" -> allReady(spec);
      default -> throw new IllegalStateException("no such step: " + step.name());
    }
    return spec;
  }

  private DeploymentSpec writeSpec(MigrationPlan plan) {
    Path directory = plan.specDirectory();
    ComposeImport imported = plan.imported();
    if (imported != null) {
      imported.writeTo(directory);
    }
    if (!plan.toPublish().isEmpty()) {
      Path override = directory.resolve(MigrationPlan.OVERRIDE_FILE);
      try {
        Files.writeString(override, plan.overrideFile());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + override, e);
      }
    }
    DeploymentSpec written = SpecFile.read(directory.resolve(ComposeImport.SPEC_FILE));
    DeploymentSpec planned = plan.spec();
    if (!written.release().equals(planned.release()) || !written.namespace().equals(planned.namespace())
        || !written.version().equals(planned.version())) {
      throw new IllegalStateException("the spec file " + directory.resolve(ComposeImport.SPEC_FILE) + " is for "
          + written.namespace() + "/" + written.release() + " " + written.version() + ", not for the planned "
          + planned.namespace() + "/" + planned.release() + " " + planned.version());
    }
    return written;
  }

  private static void succeeded(DeploymentResult result) {
    if (result instanceof DeploymentResult.Failed failed) {
      throw new DeploymentException(failed.reason());
    }
  }

  private void allReady(DeploymentSpec spec) {
    List<String> notReady = releases.status(ReleaseRef.of(spec)).stream()
        .filter(c -> c.ready() < c.desired() || c.desired() == 0)
        .map(c -> c.name() + " " + c.ready() + "/" + c.desired()).toList();
    if (!notReady.isEmpty()) {
      throw new DeploymentException("not every component is ready: " + String.join(", ", notReady));
    }
  }

  private static void notAnswering(String host, List<Integer> ports, String problem) {
    List<String> open = ports.stream().filter(port -> answers(host, port)).map(port -> host + ":" + port).toList();
    if (!open.isEmpty()) {
      throw new DeploymentException(problem + " " + String.join(", ", open) + "; do the step's commands and run again");
    }
  }

  private static void answering(String host, List<Integer> ports) {
    String closed = ports.stream().filter(port -> !answers(host, port)).map(port -> host + ":" + port)
        .collect(Collectors.joining(", "));
    if (!closed.isEmpty()) {
      throw new DeploymentException("nothing answers at " + closed + " from here; do the step's commands, check"
          + " that the cluster's nodes reach the old host on these ports, and run again");
    }
  }

  private static boolean answers(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
