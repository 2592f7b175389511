/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.images;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.KubeObject;
import io.openim.deploy.core.engine.KubeResponse;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.ResourceType;
import io.openim.deploy.core.engine.Selector;
import io.openim.deploy.core.images.internal.ImageReferences;
import io.openim.deploy.core.images.internal.ImageResolver;
import io.openim.deploy.core.images.internal.RegistryCredentials;
import io.openim.deploy.core.images.internal.SchedulableNodes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Resolves every image of a plan in its registry before anything is deployed: the tag exists, the
 * manifest offers each platform the nodes need, and the digest it resolves to.
 *
 * <p>Which platforms an image needs: those {@linkplain Builder#platforms stated}; else, with a
 * {@linkplain Builder#cluster cluster}, those of the Ready nodes that a pod running it can be
 * scheduled on (not {@code spec.unschedulable}, every {@code NoSchedule} and {@code NoExecute}
 * taint tolerated by the pod, its {@code nodeSelector} matched), so a tainted control-plane node
 * or a node the spec's nodeSelector keeps out asks nothing of the image; when no node fits a pod,
 * those of every Ready node; else {@link #DEFAULT_PLATFORMS}.
 *
 * <pre>{@code
 * ImageCheck check = ImageCheck.builder()
 *     .cluster(deployer.connection(), spec)   // node architectures and images.pullSecrets
 *     .dockerConfig(Files.readString(home.resolve(".docker/config.json")), "~/.docker/config.json")
 *     .build();
 * List<ImageReport> reports = check.check(plan);           // one per distinct image, never throws
 * DeploymentPlan pinned = ImageCheck.pin(plan, reports);   // image@sha256:... where found
 * }</pre>
 *
 * <p>Registries are reached over HTTPS, except loopback ones ({@code localhost}, {@code 127.*})
 * and those named in {@link Builder#plainHttp}, which are reached over HTTP. Docker Hub's short
 * names ({@code mongo}, {@code openim/openim-server}) are resolved as {@code
 * docker.io/library/mongo} and {@code docker.io/openim/openim-server}. Credentials are sent as
 * HTTP basic authentication to the registry, and to the token server a bearer challenge names.
 * Credential helpers ({@code credsStore}, {@code credHelpers}) are not read.
 *
 * <p>Immutable and thread-safe once built; the builder is not thread-safe.
 *
 * @since 0.1
 */
public final class ImageCheck {
  /** The platforms checked when no cluster says which: what OpenIM's images are published for. */
  public static final List<String> DEFAULT_PLATFORMS = List.of("linux/amd64", "linux/arm64");

  private final @Nullable List<String> stated;
  private final @Nullable SchedulableNodes nodes;
  private final RegistryCredentials credentials;
  private final Set<String> plainHttp;
  private final List<String> notes;

  private ImageCheck(Builder b) {
    this.stated = b.platforms == null ? null : List.copyOf(b.platforms);
    this.nodes = b.nodes;
    this.credentials = b.credentials.copy();
    this.plainHttp = Set.copyOf(b.plainHttp);
    this.notes = List.copyOf(b.notes);
  }

  /** A builder that checks {@link #DEFAULT_PLATFORMS} without credentials. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The platforms asked of an image no plan places ({@code os/architecture}): the stated ones, else
   * those of the nodes a pod without nodeSelector or tolerations can be scheduled on, else (no
   * such node) those of every Ready node, else {@link #DEFAULT_PLATFORMS}. {@link #check(String)}
   * checks these.
   */
  public List<String> platforms() {
    return platformsFor(List.of(Map.of()));
  }

  /** Every platform {@link #check(DeploymentPlan)} asks of some image of {@code plan}. */
  public List<String> platforms(DeploymentPlan plan) {
    Set<String> all = new LinkedHashSet<>();
    ImageReferences.podSpecs(Objects.requireNonNull(plan, "plan")).values().forEach(pods -> all.addAll(platformsFor(pods)));
    return all.isEmpty() ? platforms() : List.copyOf(all);
  }

  /** The platforms an image run by pods with {@code podSpecs} must offer. */
  private List<String> platformsFor(Collection<? extends Map<?, ?>> podSpecs) {
    SchedulableNodes ready = nodes;
    if (stated != null) {
      return stated;
    }
    if (ready == null || ready.nodes().isEmpty()) {
      return DEFAULT_PLATFORMS;
    }
    Set<String> found = new LinkedHashSet<>();
    podSpecs.forEach(pod -> found.addAll(ready.platforms(pod)));
    return List.copyOf(found.isEmpty() ? ready.allPlatforms() : found);
  }

  /**
   * What the check could not use, such as a pull secret the namespace does not have; worth
   * showing next to the reports.
   */
  public List<String> notes() {
    return notes;
  }

  /**
   * One report per distinct image of {@code plan}, in plan order; problems are reports, not
   * exceptions. Once a registry host does not answer, its other images are reported {@link
   * ImageReport.Status#UNREACHABLE} without being tried, so a firewalled mirror costs one connect
   * timeout, not one per image.
   */
  public List<ImageReport> check(DeploymentPlan plan) {
    Map<String, ImageReport> silent = new LinkedHashMap<>();
    List<ImageReport> reports = new ArrayList<>();
    Map<String, List<Map<?, ?>>> podSpecs = ImageReferences.podSpecs(plan);
    for (String image : images(plan)) {
      String resolved = ImageReferences.normalize(image);
      String host = ImageReferences.registry(resolved);
      ImageReport first = silent.get(host);
      if (first != null) {
        reports.add(new ImageReport(image, resolved, ImageReport.Status.UNREACHABLE, null, List.of(),
            first.detail() + " (not tried: " + host + " did not answer for " + first.reference() + ")"));
        continue;
      }
      ImageReport report = resolver().resolve(image, platformsFor(podSpecs.getOrDefault(image, List.of(Map.of()))));
      if (report.status() == ImageReport.Status.UNREACHABLE) {
        silent.put(host, report);
      }
      reports.add(report);
    }
    return List.copyOf(reports);
  }

  /** The report for one image reference. */
  public ImageReport check(String reference) {
    return resolver().resolve(reference, platforms());
  }

  private ImageResolver resolver() {
    return new ImageResolver(credentials, plainHttp);
  }

  /**
   * Every distinct image reference of the plan's pod templates (containers and init containers of
   * Deployments, StatefulSets, Jobs and any other object with a pod template), in plan order.
   */
  public static List<String> images(DeploymentPlan plan) {
    return ImageReferences.of(Objects.requireNonNull(plan, "plan"));
  }

  /** The reports with a problem, one line each: the reference and what to do. */
  public static List<String> problems(List<ImageReport> reports) {
    return reports.stream().filter(r -> !r.ok()).map(ImageReport::describe).toList();
  }

  /**
   * The plan with every image that was found written as {@code image@sha256:...}, so each node
   * pulls exactly what was checked; images without a digest stay as they are.
   */
  public static DeploymentPlan pin(DeploymentPlan plan, List<ImageReport> reports) {
    Map<String, String> pinned = new LinkedHashMap<>();
    for (ImageReport report : reports) {
      if (report.digest() != null) {
        pinned.put(report.reference(), report.pinned());
      }
    }
    return ImageReferences.replace(plan, pinned);
  }

  /**
   * Configures an {@link ImageCheck}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private @Nullable List<String> platforms;
    private @Nullable SchedulableNodes nodes;
    private final RegistryCredentials credentials = new RegistryCredentials();
    private final Set<String> plainHttp = new LinkedHashSet<>();
    private final List<String> notes = new ArrayList<>();

    private Builder() {}

    /**
     * The platforms every image must offer, as {@code os/architecture} ({@code linux/amd64}),
     * whatever the {@linkplain #cluster cluster's} nodes report; without them, the nodes' platforms
     * or {@link #DEFAULT_PLATFORMS}.
     */
    public Builder platforms(List<String> platforms) {
      List<String> copy = List.copyOf(platforms);
      for (String platform : copy) {
        if (!platform.matches("[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?")) {
          throw new IllegalArgumentException("platforms: expected os/architecture such as linux/amd64 but was '"
              + platform + "'");
        }
      }
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("platforms: at least one is needed");
      }
      this.platforms = copy;
      return this;
    }

    /**
     * Adds the credentials of a docker config JSON ({@code ~/.docker/config.json}, or the {@code
     * .dockerconfigjson} of a pull secret); for a registry named by several sources, the first
     * added wins. {@code source} names it in messages.
     *
     * @throws IllegalArgumentException if {@code json} is not docker config JSON
     */
    public Builder dockerConfig(String json, String source) {
      credentials.add(Objects.requireNonNull(json, "json"), Objects.requireNonNull(source, "source"));
      return this;
    }

    /** Reaches {@code host} ({@code registry.example.com:5000}) over plain HTTP instead of HTTPS. */
    public Builder plainHttp(String host) {
      plainHttp.add(Objects.requireNonNull(host, "host"));
      return this;
    }

    /**
     * Reads from the cluster what the check needs, changing nothing: the Ready nodes with their
     * architectures ({@code status.nodeInfo}), labels, taints and {@code spec.unschedulable},
     * from which each image's platforms are taken unless {@linkplain #platforms stated}, and the
     * credentials of the spec's {@code images.pullSecrets} from its namespace. A pull secret that
     * is missing or not of type {@code kubernetes.io/dockerconfigjson} becomes a {@linkplain
     * ImageCheck#notes() note}. Pull secrets are added before any later {@link #dockerConfig}.
     */
    public Builder cluster(ClusterConnection connection, DeploymentSpec spec) {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(spec, "spec");
      KubeResponse<List<KubeObject>> nodes = connection.list("list the nodes", new ResourceType("v1", "Node"), null,
          Selector.all());
      if (nodes.success()) {
        this.nodes = SchedulableNodes.of(nodes.body().orElseThrow());
      } else {
        notes.add("could not list the nodes (HTTP " + nodes.status() + "); checked "
            + String.join(", ", platforms == null ? DEFAULT_PLATFORMS : platforms));
      }
      for (String name : spec.images().pullSecrets()) {
        pullSecret(connection, spec.namespace(), name);
      }
      return this;
    }

    private void pullSecret(ClusterConnection connection, String namespace, String name) {
      ObjectRef ref = new ObjectRef("v1", "Secret", namespace, name);
      KubeResponse<KubeObject> secret = connection.get(ref);
      String where = "pull secret " + namespace + "/" + name;
      if (!secret.success()) {
        notes.add(where + " is not there (HTTP " + secret.status() + "); pods that name it cannot"
            + " pull from a registry that needs it");
        return;
      }
      KubeObject live = secret.body().orElseThrow();
      String type = live.string("type").orElse("");
      Optional<String> config = live.string("data", ".dockerconfigjson");
      if (!type.equals("kubernetes.io/dockerconfigjson") || config.isEmpty()) {
        notes.add(where + " is of type " + type + ", not kubernetes.io/dockerconfigjson with .dockerconfigjson;"
            + " its credentials were not used");
        return;
      }
      String json = new String(Base64.getDecoder().decode(config.get()), StandardCharsets.UTF_8);
      try {
        credentials.add(json, where);
      } catch (IllegalArgumentException e) {
        notes.add(e.getMessage());
      }
    }

    /** The check, immutable. */
    public ImageCheck build() {
      return new ImageCheck(this);
    }
  }
}
