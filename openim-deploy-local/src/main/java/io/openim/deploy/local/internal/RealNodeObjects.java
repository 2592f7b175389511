/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import java.util.Objects;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.DiscoveryV1Api;
import io.kubernetes.client.openapi.apis.RbacAuthorizationV1Api;
import io.kubernetes.client.openapi.apis.StorageV1Api;
import io.kubernetes.client.openapi.models.DiscoveryV1EndpointPort;
import io.kubernetes.client.openapi.models.RbacV1Subject;
import io.kubernetes.client.openapi.models.V1ClusterRole;
import io.kubernetes.client.openapi.models.V1ClusterRoleBinding;
import io.kubernetes.client.openapi.models.V1Endpoint;
import io.kubernetes.client.openapi.models.V1EndpointSlice;
import io.kubernetes.client.openapi.models.V1LocalVolumeSource;
import io.kubernetes.client.openapi.models.V1NodeSelector;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeSpec;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1RoleRef;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import io.kubernetes.client.openapi.models.V1StorageClass;
import io.kubernetes.client.openapi.models.V1VolumeNodeAffinity;
import io.openim.deploy.local.LocalClusterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * The API objects a real node needs beside itself: CoreDNS's read access and the kube-dns Service
 * in front of it, and local volumes on the node for claims of the default StorageClass.
 */
final class RealNodeObjects {
  /** The StorageClass of the real node's local volumes; the default while a real node exists. */
  static final String STORAGE_CLASS = "openim-deploy-local";

  /** How many local volumes each real node offers; each claim takes one for good. */
  static final int VOLUMES = 48;

  static final String COREDNS_USER = "openim-deploy:coredns";

  private final ApiClient admin;

  RealNodeObjects(ApiClient admin) {
    this.admin = admin;
  }

  /** CoreDNS reads Services, EndpointSlices, Pods and Namespaces, as kubeadm's system:coredns role. */
  void grantCoreDns() throws ApiException {
    RbacAuthorizationV1Api rbac = new RbacAuthorizationV1Api(admin);
    rbac.createClusterRole(
            new V1ClusterRole()
                .metadata(new V1ObjectMeta().name(COREDNS_USER))
                .rules(
                    List.of(
                        new V1PolicyRule()
                            .apiGroups(List.of(""))
                            .resources(List.of("endpoints", "services", "pods", "namespaces"))
                            .verbs(List.of("list", "watch")),
                        new V1PolicyRule()
                            .apiGroups(List.of("discovery.k8s.io"))
                            .resources(List.of("endpointslices"))
                            .verbs(List.of("list", "watch")))))
        .execute();
    rbac.createClusterRoleBinding(
            new V1ClusterRoleBinding()
                .metadata(new V1ObjectMeta().name(COREDNS_USER))
                .roleRef(
                    new V1RoleRef()
                        .apiGroup("rbac.authorization.k8s.io")
                        .kind("ClusterRole")
                        .name(COREDNS_USER))
                .subjects(
                    List.of(
                        new RbacV1Subject()
                            .apiGroup("rbac.authorization.k8s.io")
                            .kind("User")
                            .name(COREDNS_USER))))
        .execute();
  }

  /**
   * The kube-dns Service at kubelet's clusterDNS address, with no selector and an EndpointSlice
   * naming CoreDNS on the node address: CoreDNS runs as a host process, not as a pod.
   */
  void publishDns(int port) throws ApiException {
    Map<String, String> labels = Map.of("k8s-app", "kube-dns");
    new CoreV1Api(admin)
        .createNamespacedService(
            "kube-system",
            new V1Service()
                .metadata(new V1ObjectMeta().name("kube-dns").labels(labels))
                .spec(
                    new V1ServiceSpec()
                        .clusterIP(RealNodeFiles.DNS_SERVICE_IP)
                        .ports(
                            List.of(
                                new V1ServicePort().name("dns").protocol("UDP").port(53),
                                new V1ServicePort().name("dns-tcp").protocol("TCP").port(53)))))
        .execute();
    new DiscoveryV1Api(admin)
        .createNamespacedEndpointSlice(
            "kube-system",
            new V1EndpointSlice()
                .metadata(
                    new V1ObjectMeta()
                        .name("kube-dns-host")
                        .labels(
                            Map.of(
                                "kubernetes.io/service-name", "kube-dns",
                                "endpointslice.kubernetes.io/managed-by", "openim-deploy-testkit")))
                .addressType("IPv4")
                .endpoints(List.of(new V1Endpoint().addresses(List.of(RealNodeHost.NODE_ADDRESS))))
                .ports(
                    List.of(
                        new DiscoveryV1EndpointPort().name("dns").protocol("UDP").port(port),
                        new DiscoveryV1EndpointPort().name("dns-tcp").protocol("TCP").port(port))))
        .execute();
  }

  /**
   * A default StorageClass of local volumes bound when a pod is scheduled, and {@link #VOLUMES}
   * volumes in {@code volumesDir} on {@code nodeName}. Unlike hostPath, kubelet applies a pod's
   * fsGroup to local volumes, as it does to the volumes of a real provisioner.
   */
  void offerLocalVolumes(String nodeName, Path volumesDir, String previousDefault) throws ApiException {
    StorageV1Api storage = new StorageV1Api(admin);
    V1StorageClass previous = storage.readStorageClass(previousDefault).execute();
    Objects.requireNonNull(previous.getMetadata(), "a StorageClass has metadata")
        .putAnnotationsItem("storageclass.kubernetes.io/is-default-class", "false");
    storage.replaceStorageClass(previousDefault, previous).execute();
    storage
        .createStorageClass(
            new V1StorageClass()
                .metadata(
                    new V1ObjectMeta()
                        .name(STORAGE_CLASS)
                        .putAnnotationsItem("storageclass.kubernetes.io/is-default-class", "true"))
                .provisioner("kubernetes.io/no-provisioner")
                .reclaimPolicy("Retain")
                .volumeBindingMode("WaitForFirstConsumer"))
        .execute();
    CoreV1Api core = new CoreV1Api(admin);
    for (int i = 0; i < VOLUMES; i++) {
      Path dir = volumesDir.resolve(String.format("pv-%02d", i));
      try {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      } catch (IOException e) {
        throw new UncheckedIOException("could not create the local volume " + dir, e);
      }
      core.createPersistentVolume(
              new V1PersistentVolume()
                  .metadata(new V1ObjectMeta().name(nodeName + "-" + String.format("pv-%02d", i)))
                  .spec(
                      new V1PersistentVolumeSpec()
                          .capacity(Map.of("storage", Quantity.fromString("100Gi")))
                          .accessModes(List.of("ReadWriteOnce"))
                          .persistentVolumeReclaimPolicy("Retain")
                          .storageClassName(STORAGE_CLASS)
                          .local(new V1LocalVolumeSource().path(dir.toString()))
                          .nodeAffinity(
                              new V1VolumeNodeAffinity()
                                  .required(
                                      new V1NodeSelector()
                                          .nodeSelectorTerms(
                                              List.of(
                                                  new V1NodeSelectorTerm()
                                                      .matchExpressions(
                                                          List.of(
                                                              new V1NodeSelectorRequirement()
                                                                  .key("kubernetes.io/hostname")
                                                                  .operator("In")
                                                                  .values(List.of(nodeName))))))))))
          .execute();
    }
  }

  static LocalClusterException failure(String what, ApiException e) {
    return new LocalClusterException("could not " + what + ": " + e.getResponseBody(), e);
  }
}
