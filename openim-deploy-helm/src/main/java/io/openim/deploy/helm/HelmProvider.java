/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Outcome;
import io.openim.deploy.Phase;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Revision;
import io.openim.deploy.Target;
import io.openim.deploy.core.Deployer;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.RolloutException;
import io.openim.deploy.core.engine.RolloutWaiter;
import io.openim.deploy.spi.DeploymentProvider;
import io.openim.deploy.spi.ProviderContext;
import io.openim.deploy.spi.Support;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys OpenIM as a real Helm release: the plan is exported as a chart ({@link ChartExport}) and
 * installed or upgraded through helm-java (the Helm library, with its linux-amd64 native declared
 * as a dependency, never downloaded), then waited for with the engine's rollout waiting. {@code
 * helm list} and {@code helm history} see the release like any other.
 *
 * <p>Chosen by id ({@code OpenImDeploy.builder().provider("helm")}); for a plain cluster the
 * built-in {@code kubernetes} provider ranks higher. Helm applies all objects at once, so
 * dependencies are not started ahead of OpenIM as with the built-in provider; OpenIM's processes
 * retry until MongoDB, Kafka and the others are up.
 *
 * @since 0.1
 */
public final class HelmProvider implements DeploymentProvider {
  /** This provider's id. */
  public static final String ID = "helm";

  private static final Logger LOG = LoggerFactory.getLogger(HelmProvider.class);

  /** For ServiceLoader; does nothing. */
  public HelmProvider() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return -1;
  }

  @Override
  public Support supports(Target target) {
    if (!(target instanceof Target.Kubernetes)) {
      return Support.no("installs a Helm release into an existing Kubernetes cluster only");
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      return Support.no("ships Helm's native library for linux-amd64 only, and this is " + os + "/" + arch);
    }
    return Support.yes();
  }

  @Override
  public DeploymentPlan plan(DeploymentSpec spec, ProviderContext context) {
    try (Deployer deployer = Deployer.builder().kubeconfig(kubeconfig(context)).build()) {
      return deployer.plan(spec);
    }
  }

  @Override
  public DeploymentResult apply(DeploymentPlan plan, ProviderContext context) {
    Instant start = Instant.now();
    ReleaseRef release = ReleaseRef.of(plan.spec());
    ClusterConnection connection = ClusterConnection.fromKubeconfig(kubeconfig(context)).listener(context.listener());
    List<ObjectResult> results = new ArrayList<>();
    Path work = null;
    try {
      work = Files.createTempDirectory("openim-deploy-helm-");
      Path kubeconfigFile = Files.createFile(work.resolve("kubeconfig"),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(kubeconfigFile, kubeconfig(context));
      Path chart = ChartExport.write(plan, work, ChartExport.Options.DEFAULT);
      boolean upgrade = !HelmReleases.records(connection, release).isEmpty();
      connection.emit(new DeploymentEvent.PhaseStarted(Instant.now(), Phase.FOUNDATION, plan.manifests().size()));
      int timeout = (int) context.timeout().toSeconds();
      Release installed = upgrade
          ? new Helm(chart).upgrade().withName(release.release()).withNamespace(release.namespace())
              .withKubeConfig(kubeconfigFile).withTimeout(timeout).call()
          : new Helm(chart).install().withName(release.release()).withNamespace(release.namespace())
              .createNamespace().withKubeConfig(kubeconfigFile).withTimeout(timeout).call();
      LOG.info("helm {} of {}: revision {} {}", upgrade ? "upgrade" : "install", release,
          installed.getRevision(), installed.getStatus());
      Outcome outcome = upgrade ? Outcome.CHANGED : Outcome.CREATED;
      RolloutWaiter waiter = new RolloutWaiter(connection);
      for (Manifest manifest : plan.manifests()) {
        if (manifest.kind().equals("Namespace")) {
          continue;
        }
        ObjectRef ref = ObjectRef.of(manifest);
        connection.emit(new DeploymentEvent.ObjectApplied(Instant.now(), ref.id(), outcome));
        if (RolloutWaiter.waitsFor(manifest.kind())) {
          waiter.await(ref, context.objectTimeout());
        }
        results.add(new ObjectResult(ref.id(), outcome, null));
      }
      DeploymentResult result = new DeploymentResult.Succeeded(Integer.parseInt(installed.getRevision()), results,
          Duration.between(start, Instant.now()));
      connection.emit(new DeploymentEvent.Finished(Instant.now(), result));
      return result;
    } catch (RolloutException e) {
      return failed(connection, e.getMessage(), results, start);
    } catch (IllegalStateException e) {
      return failed(connection, "Helm refused the release " + release + ": " + e.getMessage(), results, start);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the chart for " + release, e);
    } finally {
      deleteQuietly(work);
    }
  }

  /** The release's revisions, as Helm stores them. */
  public List<Revision> history(ReleaseRef release, Target target) {
    return HelmReleases.history(ClusterConnection.fromKubeconfig(kubeconfig(target)), release);
  }

  /** Uninstalls the release with Helm; the namespace and the data volumes stay. */
  public void uninstall(ReleaseRef release, Target target) {
    Path work = null;
    try {
      work = Files.createTempDirectory("openim-deploy-helm-");
      Path kubeconfigFile = Files.createFile(work.resolve("kubeconfig"),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(kubeconfigFile, kubeconfig(target));
      Helm.uninstall(release.release()).withNamespace(release.namespace()).withKubeConfig(kubeconfigFile).call();
    } catch (IOException e) {
      throw new UncheckedIOException("could not uninstall " + release, e);
    } finally {
      deleteQuietly(work);
    }
  }

  private static DeploymentResult failed(ClusterConnection connection, String reason, List<ObjectResult> results,
      Instant start) {
    DeploymentResult result = new DeploymentResult.Failed(reason, results, Duration.between(start, Instant.now()));
    connection.emit(new DeploymentEvent.Finished(Instant.now(), result));
    return result;
  }

  private static String kubeconfig(ProviderContext context) {
    return kubeconfig(context.target());
  }

  private static String kubeconfig(Target target) {
    if (!(target instanceof Target.Kubernetes kubernetes)) {
      throw new IllegalArgumentException("the helm provider needs a Target.Kubernetes, but got "
          + target.getClass().getSimpleName());
    }
    return kubernetes.kubeconfig().reveal();
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.warn("could not remove {}", dir, e);
    }
  }
}
