/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.migrate;

import io.openim.deploy.DeploymentListener;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.core.render.VersionCatalog;
import java.time.Duration;
import io.openim.deploy.core.render.SpecFile;
import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentException;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.core.migrate.MigrationPlan.Step;
import io.openim.deploy.core.data.internal.BackupJobs;
import io.openim.deploy.core.migrate.internal.ComposeSource;
import io.openim.deploy.core.data.internal.DataOperations;
import io.openim.deploy.core.release.internal.ReleasePods;
import io.openim.deploy.core.release.internal.ReleaseOperations;
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
import org.jspecify.annotations.Nullable;

/** Runs a {@link MigrationPlan} step by step; the first failed verification stops it. */
final class MigrationRun {
  private static final int CONNECT_TIMEOUT_MS = 2000;

  private final ReleaseOperations releases;
  private final DataOperations data;
  private String lastBackup = "";

  /** Runs {@code plan} with release and data operations of its own on {@code events}. */
  static MigrationPlan.Result run(MigrationPlan plan, ClusterConnection events, DeploymentListener listener,
      Duration objectTimeout, Duration timeout, MigrationPlan.Confirmation confirmation) {
    try (ReleaseOperations releases = new ReleaseOperations(events, listener, false, objectTimeout, timeout, 4,
        Topology.create())) {
      return new MigrationRun(releases, new DataOperations(events, releases, VersionCatalog.builtIn(), timeout))
          .run(plan, confirmation);
    }
  }

  MigrationRun(ReleaseOperations releases, DataOperations data) {
    this.releases = releases;
    this.data = data;
  }

  MigrationPlan.Result run(MigrationPlan plan, MigrationPlan.Confirmation confirmation) {
    List<Step> done = new ArrayList<>();
    DeploymentSpec spec = plan.spec();
    String operation = "migrate " + ReleaseRef.of(spec);
    Path directory = plan.specDirectory();
    MigrationState state;
    try {
      state = MigrationState.read(directory);
    } catch (UncheckedIOException e) {
      return new MigrationPlan.Result(done, plan.steps().get(0), e.getMessage(), "nothing to undo: nothing was done");
    }
    lastBackup = state.backup();
    boolean trusted = true;
    for (Step step : plan.steps()) {
      String progress = step.number() + "/" + plan.steps().size() + " " + step.name();
      if (trusted && state.done().contains(step.name())) {
        String changed = stillHolds(plan, step, spec, state);
        if (changed == null) {
          emit(operation, progress + ": done in an earlier run, and still so");
          done.add(step);
          continue;
        }
        // what an earlier run did no longer holds (a rollback, a deleted release): from here on, again
        emit(operation, progress + ": done in an earlier run, but " + changed + "; doing it again");
        // and forget the later steps now: should this run stop, the next must not trust them either
        trusted = false;
        state = MigrationState.of(done.stream().map(Step::name).toList(), lastBackup);
        try {
          state.write(directory);
        } catch (UncheckedIOException e) {
          return new MigrationPlan.Result(done, step, e.getMessage(), step.rollback());
        }
      }
      emit(operation, progress + ": " + step.action());
      if (step.actor() != MigrationPlan.Actor.OPENIM_DEPLOY && !confirmation.confirm(step)) {
        return new MigrationPlan.Result(done, step, "stopped before step " + step.number() + " (" + step.name()
            + ") as asked; run again to go on from here", done.isEmpty() ? "nothing to undo: nothing was done"
            : done.get(done.size() - 1).rollback());
      }
      try {
        spec = perform(plan, step, spec);
        state = state.with(step.name(), lastBackup);
        state.write(directory);
      } catch (DeploymentException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
        return new MigrationPlan.Result(done, step, e.getMessage(), step.rollback());
      }
      done.add(step);
    }
    return new MigrationPlan.Result(done, null, null, null);
  }

  /** Null when what {@code step} did in an earlier run still holds; otherwise what changed since. */
  private @Nullable String stillHolds(MigrationPlan plan, Step step, DeploymentSpec spec, MigrationState state) {
    ComposeSource source = plan.source();
    ReleaseRef release = ReleaseRef.of(spec);
    try {
      switch (step.name()) {
        case "deploy" -> {
          return releases.history(release).isEmpty() ? "release " + release + " is gone" : null;
        }
        case "freeze" -> notAnswering(source.host(), source.openImPorts(), "OpenIM answers again at");
        case "open" -> {
          // the close step undoes it on purpose
          if (!state.done().contains("close")) {
            answering(source.host(), List.of(plan.mongoPort(), plan.minioPort()));
          }
        }
        case "backup" -> {
          return lastBackup.isEmpty() || !data.backupFinished(spec, lastBackup)
              ? "the copy " + lastBackup + " is not there any more" : null;
        }
        case "restore" -> {
          if (releases.history(release).stream().noneMatch(r -> r.description().equals("restore " + lastBackup))) {
            return "the release has no revision from restoring " + lastBackup;
          }
          allReady(spec);
        }
        case "close" -> notAnswering(source.host(), plan.closedPorts(), "Answering again:");
        case "cut-over" -> allReady(spec);
        default -> {
          return null;
        }
      }
      return null;
    } catch (DeploymentException e) {
      return e.getMessage();
    }
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
      case "deploy" -> releases.apply(ReleasePods.scaledDown(releases.plan(spec)),
          "migrate: deployed with OpenIM at zero").orThrow();
      case "freeze" -> notAnswering(source.host(), source.openImPorts(), "OpenIM still answers at");
      case "open" -> {
        answering(source.host(), List.of(plan.mongoPort(), plan.minioPort()));
      }
      case "backup" -> {
        BackupJobs jobs = data.jobs(spec);
        String id = "migrate-" + Deployer.newBackupId(Instant.now());
        BackupJobs.Endpoints from = jobs.external(id, "the compose host " + source.host(),
            source.host() + ":" + plan.mongoPort(), source.mongoUser(), "http://" + source.host() + ":" + plan.minioPort());
        data.backup(spec, plan.target(), id, from,
            jobs.sourceSecret(id, source.mongoPassword(), source.minioAccessKey(), source.minioSecretKey()));
        lastBackup = id;
      }
      case "restore" -> {
        data.restore(spec, plan.target(), lastBackup, false, false).orThrow();
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
