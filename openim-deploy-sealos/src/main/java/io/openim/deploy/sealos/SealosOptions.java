/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos;

import io.openim.deploy.core.Flavour;
import java.util.Objects;

/**
 * How the sealos provider fits OpenIM to a cluster sealos set up. Each default follows the cluster
 * images sealos installs ({@link SealosProvisioning#DEFAULT_IMAGES}), and each can be overridden.
 *
 * @param storageClass the StorageClass of data volumes when the spec names none: {@code
 *     openebs-hostpath}, the hostpath class of OpenEBS, which sealos's openebs image makes the
 *     default class (labring-actions/cluster-image, applications/openebs/latest/entrypoint.sh sets
 *     {@code localprovisioner.hostpathClass.isDefaultClass=true})
 * @param ingressClass the IngressClass when the spec's ingress names none: {@code higress}, the
 *     class of the Higress image sealos installs (Higress's default {@code global.ingressClass});
 *     Higress honours ingress-nginx's rewrite annotations, so the entry points' prefixes are
 *     stripped as with nginx
 * @since 0.3
 */
public record SealosOptions(String storageClass, String ingressClass) {
  /** The defaults of a cluster sealos set up with its current images. */
  public static final SealosOptions DEFAULT = new SealosOptions("openebs-hostpath", "higress");

  /** Checks the parts. */
  public SealosOptions {
    Objects.requireNonNull(storageClass, "storageClass");
    Objects.requireNonNull(ingressClass, "ingressClass");
  }

  /** A copy with another default StorageClass. */
  public SealosOptions withStorageClass(String storageClass) {
    return new SealosOptions(storageClass, ingressClass);
  }

  /** A copy with another default IngressClass. */
  public SealosOptions withIngressClass(String ingressClass) {
    return new SealosOptions(storageClass, ingressClass);
  }

  /** These defaults for the engine, and for plans made offline (a cluster image, a template). */
  public Flavour flavour() {
    return Flavour.classes(storageClass, ingressClass);
  }
}
