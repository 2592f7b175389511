/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.openim.deploy.ComponentStatus;
import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.NotSupportedException;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Outcome;
import io.openim.deploy.Phase;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Removal;
import io.openim.deploy.Support;
import io.openim.deploy.Target;
import io.openim.deploy.Verb;
import io.openim.deploy.spi.DeploymentProvider;
import io.openim.deploy.spi.ProviderContext;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A provider small enough to get wrong on purpose, so that the contract kit's tests can be seen to
 * fail: its "deployment" is one ConfigMap named after the release, and each {@link Flaw} breaks
 * one promise of the contract.
 */
public final class FlawedProvider implements DeploymentProvider {
  /** This provider's id. */
  public static final String ID = "flawed";
  /** The ConfigMap a plan writes with {@link Flaw#PLAN_WRITES}. */
  static final String PLAN_WAS_HERE = "plan-was-here";

  /** What it does wrong. */
  enum Flaw {
    /** Nothing: it keeps the contract. */
    NONE,
    /** {@code plan()} writes a ConfigMap. */
    PLAN_WRITES,
    /** {@code apply()} applies a plan another provider made. */
    ACCEPTS_FOREIGN_PLANS,
    /** {@code supports()} connects to the target to see whether it is there. */
    SUPPORTS_CONNECTS,
    /** Says it does not support status, but answers it. */
    STATUS_NOT_DECLINED,
    /** Declines status with another reason than {@code supports()} gives. */
    STATUS_DECLINED_FOR_ANOTHER_REASON,
    /** Says it does not support destroy, and deletes the release before it says so. */
    DESTROY_DECLINED_AFTER_DELETING
  }

  private final Flaw flaw;

  /** For ServiceLoader: the provider without a flaw. */
  public FlawedProvider() {
    this(Flaw.NONE);
  }

  FlawedProvider(Flaw flaw) {
    this.flaw = flaw;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Support supports(Target target) {
    if (flaw == Flaw.SUPPORTS_CONNECTS) {
      connect(target);
    }
    return target instanceof Target.Kubernetes ? Support.yes() : Support.no("needs a Kubernetes cluster");
  }

  private static void connect(Target target) {
    String host;
    int port;
    if (target instanceof Target.Kubernetes kubernetes) {
      URI server = URI.create(kubernetes.kubeconfig().reveal().replaceAll("(?s).*server: (\\S+).*", "$1"));
      host = server.getHost();
      port = server.getPort();
    } else {
      host = ((Target.Hosts) target).hosts().get(0).address();
      port = ((Target.Hosts) target).hosts().get(0).port();
    }
    try (Socket socket = new Socket(host, port)) {
      socket.isConnected();
    } catch (IOException e) {
      // it is not there: still supported, as far as this provider cares
    }
  }

  @Override
  public Deployer open(ProviderContext context) {
    try {
      String kubeconfig = ((Target.Kubernetes) context.target()).kubeconfig().reveal();
      ApiClient client = ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(new StringReader(kubeconfig))).build();
      return new FlawedDeployer(flaw, new CoreV1Api(client), context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record FlawedDeployer(Flaw flaw, CoreV1Api core, ProviderContext context) implements Deployer {
    private static final String STATUS_REASON = "the flawed provider keeps no status";

    @Override
    public String provider() {
      return ID;
    }

    @Override
    public Support supports(Verb verb) {
      if (verb == Verb.STATUS && flaw != Flaw.NONE) {
        return Support.no(STATUS_REASON);
      }
      return Deployer.super.supports(verb);
    }

    @Override
    public DeploymentPlan plan(DeploymentSpec spec) {
      if (flaw == Flaw.PLAN_WRITES) {
        write(spec.namespace(), PLAN_WAS_HERE);
      }
      Manifest configMap = new Manifest(Phase.CONFIGURATION, "v1", "ConfigMap", spec.namespace(), spec.release(),
          Map.of("apiVersion", "v1", "kind", "ConfigMap",
              "metadata", Map.of("name", spec.release(), "namespace", spec.namespace()),
              "data", Map.of("version", spec.version())));
      return new DeploymentPlan(spec, List.of(configMap), List.of(), ID);
    }

    @Override
    public DeploymentResult apply(DeploymentPlan plan) {
      if (flaw != Flaw.ACCEPTS_FOREIGN_PLANS) {
        plan.requireMadeBy(ID);
      }
      Instant start = Instant.now();
      context.listener().onEvent(new DeploymentEvent.PhaseStarted(start, Phase.CONFIGURATION, 1));
      Manifest manifest = plan.manifests().get(0);
      write(plan.spec().namespace(), manifest.name());
      DeploymentResult result = new DeploymentResult.Succeeded(1,
          List.of(new ObjectResult(manifest.id(), Outcome.CREATED, null)), Duration.between(start, Instant.now()));
      context.listener().onEvent(new DeploymentEvent.Finished(Instant.now(), result));
      return result;
    }

    @Override
    public List<ComponentStatus> status(ReleaseRef release) {
      if (flaw == Flaw.STATUS_DECLINED_FOR_ANOTHER_REASON) {
        throw new NotSupportedException(ID, Verb.STATUS, "some other reason");
      }
      if (flaw == Flaw.STATUS_NOT_DECLINED) {
        return List.of();
      }
      throw declined(Verb.STATUS);
    }

    @Override
    public Removal destroy(ReleaseRef release, boolean deleteData) {
      if (flaw == Flaw.DESTROY_DECLINED_AFTER_DELETING) {
        try {
          core.deleteNamespacedConfigMap(release.release(), release.namespace()).execute();
        } catch (ApiException e) {
          throw new IllegalStateException(e.getResponseBody(), e);
        }
      }
      throw declined(Verb.DESTROY);
    }

    /** Creates ConfigMap {@code name}, or leaves it as it is; a missing namespace is skipped. */
    private void write(String namespace, String name) {
      try {
        core.createNamespacedConfigMap(namespace, new V1ConfigMap()
            .metadata(new V1ObjectMeta().name(name)).data(Map.of("written-by", ID))).execute();
      } catch (ApiException e) {
        if (e.getCode() != 404 && e.getCode() != 409) {
          throw new IllegalStateException(e.getResponseBody(), e);
        }
      }
    }
  }
}
