/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentListener;
import io.openim.deploy.Outcome;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Prints deployment events as they happen, one line each, with the time since the start. */
final class Progress implements DeploymentListener {
  private final PrintWriter out;
  private final Instant start = Instant.now();

  Progress(PrintWriter out) {
    this.out = out;
  }

  @Override
  public synchronized void onEvent(DeploymentEvent event) {
    String line = null;
    if (event instanceof DeploymentEvent.StepStarted e) {
      line = e.operation() + ": " + e.step();
    } else if (event instanceof DeploymentEvent.PhaseStarted e) {
      line = e.phase() + " (" + e.objects() + " objects)";
    } else if (event instanceof DeploymentEvent.ObjectApplied e) {
      line = e.outcome() == Outcome.UNCHANGED ? null : "  " + e.outcome().name().toLowerCase(Locale.ROOT) + " " + e.object();
    } else if (event instanceof DeploymentEvent.Waiting e) {
      line = "  waiting for " + e.object() + ": " + e.state();
    } else if (event instanceof DeploymentEvent.ObjectReady e) {
      line = "  ready " + e.object() + " (" + e.took().toMillis() + " ms)";
    } else if (event instanceof DeploymentEvent.ObjectPruned e) {
      line = "  pruned " + e.object();
    } else if (event instanceof DeploymentEvent.RemoteCommand e) {
      line = "  " + e.host() + "$ " + e.command() + (e.exitCode() == 0 ? "" : "  (exit " + e.exitCode() + ")");
    } else if (event instanceof DeploymentEvent.CommandOutput e) {
      line = "  | " + e.line();
    } else if (event instanceof DeploymentEvent.CommandFinished e) {
      line = "  $ " + e.command() + (e.exitCode() == 0 ? "" : e.exitCode() < 0 ? "  (stopped: ran past its timeout)"
          : "  (exit " + e.exitCode() + ")") + " in " + e.took().toMillis() + " ms";
    } else if (event instanceof DeploymentEvent.Retrying e) {
      line = "  retrying " + e.operation() + " (attempt " + e.attempt() + ": " + e.reason() + ")";
    }
    if (line != null) {
      Duration since = Duration.between(start, event.at());
      out.printf("[%6.1fs] %s%n", since.toMillis() / 1000.0, line);
      out.flush();
    }
  }
}
