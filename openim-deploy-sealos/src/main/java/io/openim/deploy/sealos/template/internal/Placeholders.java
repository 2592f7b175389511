/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template.internal;

/**
 * The expressions a template writes, in one place (docs/sealos.md "App Store templates" and
 * "Conventions every template follows").
 */
public final class Placeholders {
  /** The instance's name, which prefixes every object's name: {@code defaults.app_name}. */
  public static final String APP = "${{ defaults.app_name }}";

  /** The host's first label, generated: {@code defaults.app_host}. */
  public static final String APP_HOST = "${{ defaults.app_host }}";

  /** The user's namespace, where every object lands. */
  public static final String NAMESPACE = "${{ SEALOS_NAMESPACE }}";

  /** The user's name, the namespace without {@code ns-}: object storage names buckets after it. */
  public static final String SERVICE_ACCOUNT = "${{ SEALOS_SERVICE_ACCOUNT }}";

  /** The Secret holding the cloud domain's wildcard certificate. */
  public static final String CERT_SECRET = "${{ SEALOS_CERT_SECRET_NAME }}";

  /** The host OpenIM is reached on: {@code <app_host>.<cloud domain>}. */
  public static final String HOST = APP_HOST + ".${{ SEALOS_CLOUD_DOMAIN }}";

  private Placeholders() {}

  /** {@code ${{ defaults.<name> }}}. */
  public static String defaultValue(String name) {
    return "${{ defaults." + name + " }}";
  }

  /** {@code ${{ base64(<scope>.<name>) }}}, for a Secret's {@code data}. */
  public static String base64(String scope, String name) {
    return "${{ base64(" + scope + "." + name + ") }}";
  }

  /** {@code ${{ random(<length>) }}}, spelt as Sealos replaces it. */
  public static String random(int length) {
    return "${{ random(" + length + ") }}";
  }

  /** The conditional line that keeps what follows when boolean input {@code name} is true. */
  public static String ifTrue(String name) {
    return "${{ if(inputs." + name + " === 'true') }}";
  }

  /** The line that closes a conditional. */
  public static final String ENDIF = "${{ endif() }}";
}
