/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.migrate;

import io.openim.deploy.DeploymentListener;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.render.SpecFile;
import java.time.Duration;
import io.openim.deploy.BackupTarget;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.core.migrate.internal.ComposeFiles;
import io.openim.deploy.core.migrate.internal.ComposeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The move of a docker-compose OpenIM into a cluster, step by step, each with what it does, how it
 * is verified and how to go back. {@link io.openim.deploy.core.KubernetesDeployer#migrate(MigrationPlan, Confirmation)} runs it and
 * stops at the first step whose verification fails. The old host's data is never changed: its
 * OpenIM is only stopped, and MongoDB (and MinIO, when unpublished) are published to the cluster for
 * the copy, so going back is starting OpenIM there again.
 *
 * <pre>{@code
 * MigrationPlan plan = MigrationPlan.builder(Path.of("/opt/openim-docker"), "10.0.0.5")
 *     .specDirectory(Path.of("migrated")).build();
 * System.out.print(plan.text());
 * MigrationPlan.Result result = deployer.migrate(plan, step -> askTheOperator(step));
 * }</pre>
 *
 * <p>Its steps: write the spec; deploy the release with OpenIM at zero; stop OpenIM on the old
 * host; publish MongoDB (and MinIO) to the cluster when the compose setup does not; copy the data
 * into the backup target with a verified manifest (the transfer); restore it and scale OpenIM up;
 * unpublish MongoDB again; cut clients over.
 *
 * @since 0.2
 */
public final class MigrationPlan {
  /** The override file the {@code open} step asks to start MongoDB (and MinIO) with. */
  public static final String OVERRIDE_FILE = "compose.migration.yaml";

  private final ComposeSource source;
  private final @Nullable ComposeImport imported;
  private final DeploymentSpec spec;
  private final List<String> assumptions;
  private final Path specDirectory;
  private final BackupTarget target;
  private final int mongoPort;
  private final int minioPort;
  private final List<Step> steps;
  private final String oldHostDirectory;

  /** Who acts in a step. */
  public enum Actor {
    /** openim-deploy, against the cluster. */
    OPENIM_DEPLOY,
    /** The operator, on the old host; openim-deploy verifies the outcome. */
    OLD_HOST,
    /** The operator, where clients are configured (DNS, app settings). */
    CLIENTS
  }

  /**
   * One step.
   *
   * @param number from 1
   * @param name a short name: spec, deploy, freeze, open, backup, restore, close, cut-over
   * @param actor who acts
   * @param action what happens, in words
   * @param commands the commands the operator runs, for old-host steps; empty otherwise
   * @param verification what is checked before the next step
   * @param rollback how to go back from here to the old host serving alone
   * @since 0.2
   */
  public record Step(int number, String name, Actor actor, String action, List<String> commands,
      String verification, String rollback) {
    /** Copies the commands. */
    public Step {
      commands = List.copyOf(commands);
    }
  }

  /**
   * Asked before each step an operator must act in; answering false stops the migration there.
   *
   * @since 0.2
   */
  @FunctionalInterface
  public interface Confirmation {
    /** Whether the operator did what {@code step} asks and the run may verify it and go on. */
    boolean confirm(Step step);
  }

  /**
   * How a run ended.
   *
   * @param done the steps done and verified, in order, earlier runs' included
   * @param failed the step that failed or was not confirmed, or null when all are done
   * @param reason why it stopped, or null
   * @param rollback how to go back from where it stopped, or null when all are done
   * @since 0.2
   */
  public record Result(List<Step> done, @Nullable Step failed, @Nullable String reason, @Nullable String rollback) {
    /** Copies the list. */
    public Result {
      done = List.copyOf(done);
    }

    /** Whether every step is done. */
    public boolean succeeded() {
      return failed == null;
    }
  }

  private MigrationPlan(Builder b, Path specDirectory, ComposeFiles compose) {
    this.source = ComposeSource.of(compose, b.composeDirectory, b.oldHost);
    this.specDirectory = specDirectory;
    this.target = b.target;
    Path specFile = specDirectory.resolve(ComposeImport.SPEC_FILE);
    if (Files.exists(specFile)) {
      // a run before wrote it: its generated passwords live in the cluster, so it is read, never re-imported
      this.imported = null;
      this.spec = SpecFile.read(specFile);
      this.assumptions = List.of("The spec is " + specFile + ", written by an earlier run; delete the folder to"
          + " import again.");
    } else {
      this.imported = ComposeImport.read(compose, source.directory(), b.release, b.namespace);
      this.spec = imported.spec();
      this.assumptions = imported.assumptions();
    }
    this.oldHostDirectory = b.oldHostDirectory != null ? b.oldHostDirectory : source.directory().toString();
    this.mongoPort = source.mongoPort() != null ? source.mongoPort() : b.mongoPort;
    this.minioPort = source.minioPort() != null ? source.minioPort() : b.minioPort;
    this.steps = renderSteps();
  }

  /** A plan for the compose setup in {@code composeDirectory} on {@code oldHost}. */
  public static Builder builder(Path composeDirectory, String oldHost) {
    return new Builder(composeDirectory, oldHost);
  }

  /** The spec the cluster gets. */
  public DeploymentSpec spec() {
    return spec;
  }

  /** Runs this migration on the cluster {@code connection} reaches: see {@code KubernetesDeployer.migrate}. */
  public Result run(ClusterConnection connection, DeploymentListener listener, Duration objectTimeout,
      Duration timeout, Confirmation confirmation) {
    return MigrationRun.run(this, connection.withListener(listener), listener, objectTimeout, timeout, confirmation);
  }

  /** What importing the compose setup assumed. */
  public List<String> assumptions() {
    return assumptions;
  }

  /** The steps, in order. */
  public List<Step> steps() {
    return steps;
  }

  /** Where the data goes on its way. */
  public BackupTarget target() {
    return target;
  }

  /** The plan as the CLI prints it: assumptions, then each step with its check and way back. */
  public String text() {
    StringBuilder out = new StringBuilder("Migration of the OpenIM compose setup in " + source.directory() + " on "
        + source.host() + " into release " + spec.namespace() + "/" + spec.release() + "\n\nAssumptions:\n");
    assumptions.forEach(a -> out.append("  - ").append(a).append('\n'));
    for (Step step : steps) {
      out.append('\n').append(step.number()).append(". ").append(step.name()).append(" (")
          .append(step.actor().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).append("): ")
          .append(step.action()).append('\n');
      step.commands().forEach(c -> out.append("     $ ").append(c).append('\n'));
      if (step.name().equals("open")) {
        out.append("     ").append(OVERRIDE_FILE).append(":\n");
        overrideFile().lines().forEach(line -> out.append("       ").append(line).append('\n'));
      }
      out.append("   verify:   ").append(step.verification()).append('\n');
      out.append("   rollback: ").append(step.rollback()).append('\n');
    }
    return out.toString();
  }

  ComposeSource source() {
    return source;
  }

  @Nullable ComposeImport imported() {
    return imported;
  }

  Path specDirectory() {
    return specDirectory;
  }

  int mongoPort() {
    return mongoPort;
  }

  int minioPort() {
    return minioPort;
  }

  /** The host ports the {@code close} step expects closed again: those the override published. */
  List<Integer> closedPorts() {
    List<Integer> ports = new ArrayList<>();
    if (source.mongoPort() == null) {
      ports.add(mongoPort);
    }
    if (source.minioPort() == null) {
      ports.add(minioPort);
    }
    return ports;
  }

  /** The services the override publishes: those whose port the compose setup does not publish. */
  List<String> toPublish() {
    List<String> services = new ArrayList<>();
    if (source.mongoPort() == null) {
      services.add(source.mongoService());
    }
    if (source.minioPort() == null) {
      services.add(source.minioService());
    }
    return services;
  }

  /** The override file's text. */
  String overrideFile() {
    StringBuilder out = new StringBuilder("# Written by openim-deploy migrate: publishes what the cluster copies the"
        + " data from.\n# Undo it with: docker compose up -d " + String.join(" ", toPublish()) + "\nservices:\n");
    if (source.mongoPort() == null) {
      out.append("  ").append(source.mongoService()).append(":\n    ports:\n      - \"").append(mongoPort)
          .append(":27017\"\n");
    }
    if (source.minioPort() == null) {
      out.append("  ").append(source.minioService()).append(":\n    ports:\n      - \"").append(minioPort)
          .append(":9000\"\n");
    }
    return out.toString();
  }

  private List<Step> renderSteps() {
    String dir = oldHostDirectory;
    String release = spec.namespace() + "/" + spec.release();
    String specFile = specDirectory.resolve(ComposeImport.SPEC_FILE).toString();
    String openImServices = String.join(" ", source.openImServices());
    String startOld = "start OpenIM on the old host again: cd " + dir + " && docker compose start " + openImServices;
    String ports = source.openImPorts().stream().map(p -> source.host() + ":" + p).collect(Collectors.joining(", "));
    List<Step> out = new ArrayList<>();
    out.add(step(out, "spec", Actor.OPENIM_DEPLOY, imported == null
            ? "use the spec written before, " + specFile
            : "write the imported spec and its secret files (owner-only) to " + specDirectory,
        List.of(), "the spec file reads back without a problem", "nothing to undo: the files are only on this machine"));
    out.add(step(out, "deploy", Actor.OPENIM_DEPLOY, "deploy " + release + " with OpenIM at zero replicas: MongoDB,"
            + " Redis, Kafka, MinIO, etcd and their init Jobs; the old host keeps serving meanwhile",
        List.of(), "every object rolled out", "openim-deploy down -f " + specFile + " --delete-data"));
    out.add(step(out, "freeze", Actor.OLD_HOST, "stop OpenIM on the old host so nothing is written after the copy;"
            + " its MongoDB and MinIO keep running", List.of("cd " + dir + " && docker compose stop " + openImServices),
        ports.isEmpty() ? "nothing to check: the compose setup publishes no OpenIM port"
            : "OpenIM no longer answers at " + ports, startOld));
    List<String> publish = toPublish();
    if (!publish.isEmpty()) {
      out.add(step(out, "open", Actor.OLD_HOST, "publish " + String.join(" and ", publish) + " to the cluster for the"
              + " copy (the compose setup does not); only the port mapping changes, the data stays. Save the file"
              + " below as " + OVERRIDE_FILE + " in " + dir + " on the old host (a copy is in " + specDirectory
              + "), then run the command",
          List.of("cd " + dir + " && docker compose -f " + source.composeFile() + " -f " + OVERRIDE_FILE
              + " up -d " + String.join(" ", publish)),
          "MongoDB answers at " + source.host() + ":" + mongoPort + " and MinIO at " + source.host() + ":" + minioPort,
          "cd " + dir + " && docker compose up -d " + String.join(" ", publish) + "; then " + startOld));
    }
    out.add(step(out, "backup", Actor.OPENIM_DEPLOY, "copy the old host's MongoDB (" + source.host() + ":" + mongoPort
            + ") and MinIO (" + source.host() + ":" + minioPort + ") into " + target.describe()
            + " with a Job in the cluster: the transfer", List.of(),
        "the Job verified every file's size and SHA-256 against the manifest",
        (publish.isEmpty() ? "" : "cd " + dir + " && docker compose up -d " + String.join(" ", publish) + "; ")
            + startOld + " (an unfinished copy never gets its final name)"));
    out.add(step(out, "restore", Actor.OPENIM_DEPLOY, "restore the copy into " + release + " and scale OpenIM up",
        List.of(), "the restore Job verified the manifest again and finished; every OpenIM component is ready",
        (publish.isEmpty() ? "" : "cd " + dir + " && docker compose up -d " + String.join(" ", publish) + "; ")
            + startOld + "; remove the new release with openim-deploy down -f " + specFile + " --delete-data"));
    if (!publish.isEmpty()) {
      out.add(step(out, "close", Actor.OLD_HOST, "unpublish " + String.join(" and ", publish) + " on the old host",
          List.of("cd " + dir + " && docker compose up -d " + String.join(" ", publish)),
          closedPorts().stream().map(p -> source.host() + ":" + p).collect(Collectors.joining(" and "))
              + " no longer answer" + (closedPorts().size() == 1 ? "s" : ""),
          startOld + "; remove the new release with openim-deploy down -f " + specFile + " --delete-data"));
    }
    out.add(step(out, "cut-over", Actor.CLIENTS, "point clients at the cluster (the ingress paths /api,"
            + " /msg_gateway, /chat, /complete_admin and MinIO's external address); users log in again, as OpenIM"
            + " kept their tokens in the old Redis; keep the old host's data until the cluster has its own backups",
        List.of(), "every OpenIM component is still ready",
        "point clients back at the old host and " + startOld + "; what was written in the cluster after the"
            + " cut-over stays only there (take it with openim-deploy backup first)"));
    return List.copyOf(out);
  }

  private static Step step(List<Step> before, String name, Actor actor, String action, List<String> commands,
      String verification, String rollback) {
    return new Step(before.size() + 1, name, actor, action, commands, verification, rollback);
  }

  /**
   * Configures a {@link MigrationPlan}. Not thread-safe.
   *
   * @since 0.2
   */
  public static final class Builder {
    private final Path composeDirectory;
    private final String oldHost;
    private String release = "openim";
    private String namespace = "openim";
    private @Nullable Path specDirectory;
    private BackupTarget target = BackupTarget.volume("openim-backups", "20Gi");
    private int mongoPort = 37017;
    private @Nullable String oldHostDirectory;
    private int minioPort = 10005;

    private Builder(Path composeDirectory, String oldHost) {
      this.composeDirectory = Objects.requireNonNull(composeDirectory, "composeDirectory");
      this.oldHost = Objects.requireNonNull(oldHost, "oldHost");
    }

    /** The release's name; {@code openim} unless set. */
    public Builder release(String release) {
      this.release = Objects.requireNonNull(release, "release");
      return this;
    }

    /** The release's namespace; {@code openim} unless set. */
    public Builder namespace(String namespace) {
      this.namespace = Objects.requireNonNull(namespace, "namespace");
      return this;
    }

    /**
     * Where the spec and its secret files are written, and read again when a run resumes;
     * required. Keep it: it is the release's spec from then on.
     */
    public Builder specDirectory(Path specDirectory) {
      this.specDirectory = Objects.requireNonNull(specDirectory, "specDirectory");
      return this;
    }

    /** Where the copy goes; a volume {@code openim-backups} of 20Gi unless set. */
    public Builder target(BackupTarget target) {
      this.target = Objects.requireNonNull(target, "target");
      return this;
    }

    /**
     * The compose folder's path on the old host, for the commands the plan prints; the folder
     * given to {@link MigrationPlan#builder} unless set (it may be a copy).
     */
    public Builder oldHostDirectory(String oldHostDirectory) {
      this.oldHostDirectory = Objects.requireNonNull(oldHostDirectory, "oldHostDirectory");
      return this;
    }

    /** The host ports to publish MongoDB and MinIO on when the compose setup does not; 37017 and 10005 unless set. */
    public Builder ports(int mongoPort, int minioPort) {
      for (int port : new int[] {mongoPort, minioPort}) {
        if (port < 1 || port > 65535) {
          throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
      }
      this.mongoPort = mongoPort;
      this.minioPort = minioPort;
      return this;
    }

    /**
     * Reads the compose setup and makes the plan; changes nothing anywhere.
     *
     * @throws IllegalArgumentException with every reason the setup cannot be migrated
     */
    public MigrationPlan build() {
      Path directory = specDirectory;
      if (directory == null) {
        throw new IllegalStateException("no spec directory: call specDirectory(...) first");
      }
      return new MigrationPlan(this, directory, ComposeFiles.read(composeDirectory));
    }
  }
}
