/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Progress of an apply, as it happens. Events never carry secrets.
 *
 * <p>This family may grow: keep a default branch when switching over it.
 *
 * @since 0.1
 */
public sealed interface DeploymentEvent {
  /** When it happened. */
  Instant at();

  /**
   * A phase starts.
   *
   * @param at when
   * @param phase the phase
   * @param objects how many objects it applies
   */
  record PhaseStarted(Instant at, Phase phase, int objects) implements DeploymentEvent {
    /** Checks the parts. */
    public PhaseStarted {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(phase, "phase");
    }
  }

  /**
   * An object was applied.
   *
   * @param at when
   * @param object its id
   * @param outcome created, changed or unchanged
   */
  record ObjectApplied(Instant at, String object, Outcome outcome) implements DeploymentEvent {
    /** Checks the parts. */
    public ObjectApplied {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(object, "object");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /**
   * An object is not ready yet.
   *
   * @param at when
   * @param object its id
   * @param state what Kubernetes reports, such as {@code 1/2 replicas ready}
   */
  record Waiting(Instant at, String object, String state) implements DeploymentEvent {
    /** Checks the parts. */
    public Waiting {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(object, "object");
      Objects.requireNonNull(state, "state");
    }
  }

  /**
   * An object is rolled out: ready, or for a Job complete.
   *
   * @param at when
   * @param object its id
   * @param took how long the wait took
   */
  record ObjectReady(Instant at, String object, Duration took) implements DeploymentEvent {
    /** Checks the parts. */
    public ObjectReady {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(object, "object");
      Objects.requireNonNull(took, "took");
    }
  }

  /**
   * An object of an earlier revision was deleted.
   *
   * @param at when
   * @param object its id
   */
  record ObjectPruned(Instant at, String object) implements DeploymentEvent {
    /** Checks the parts. */
    public ObjectPruned {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(object, "object");
    }
  }

  /**
   * A request to the API server failed in a way worth retrying, and will be tried again.
   *
   * @param at when
   * @param operation what was being done
   * @param attempt the attempt that failed, from 1
   * @param reason why
   */
  record Retrying(Instant at, String operation, int attempt, String reason) implements DeploymentEvent {
    /** Checks the parts. */
    public Retrying {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A command ran on a remote host (while setting up a cluster over SSH). Commands never carry
   * credentials; those travel in files.
   *
   * @param at when it ended
   * @param host the host, as {@code user@address:port}
   * @param command what ran
   * @param exitCode its exit code
   */
  record RemoteCommand(Instant at, String host, String command, int exitCode) implements DeploymentEvent {
    /** Checks the parts. */
    public RemoteCommand {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(command, "command");
    }
  }

  /**
   * A line a local command-line tool printed while it ran (for example {@code sealos apply}), as it
   * printed it, with any credential the caller gave masked.
   *
   * @param at when it was read
   * @param command the command, without credentials
   * @param line the line, without its line break
   * @since 0.3
   */
  record CommandOutput(Instant at, String command, String line) implements DeploymentEvent {
    /** Checks the parts. */
    public CommandOutput {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(line, "line");
    }
  }

  /**
   * A local command-line tool ended (for example {@code sealos apply}): its exit code, or -1 when
   * it was stopped because it ran past its timeout.
   *
   * @param at when it ended
   * @param command the command, without credentials
   * @param exitCode its exit code, or -1 when it was stopped
   * @param took how long it ran
   * @since 0.3
   */
  record CommandFinished(Instant at, String command, int exitCode, Duration took) implements DeploymentEvent {
    /** Checks the parts. */
    public CommandFinished {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(took, "took");
    }
  }

  /**
   * A step of a longer operation began: backup, restore or a migration.
   *
   * @param at when
   * @param operation the operation, such as {@code backup 20261127-101500}
   * @param step what the step does
   * @since 0.2
   */
  record StepStarted(Instant at, String operation, String step) implements DeploymentEvent {
    /** Checks the parts. */
    public StepStarted {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(step, "step");
    }
  }

  /**
   * The apply ended.
   *
   * @param at when
   * @param result how
   */
  record Finished(Instant at, DeploymentResult result) implements DeploymentEvent {
    /** Checks the parts. */
    public Finished {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(result, "result");
    }
  }
}
