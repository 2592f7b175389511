/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * OpenIM as a Sealos Cloud App Store template, and our own renderer of the template language.
 *
 * <p>{@link io.openim.deploy.sealos.template.SealosTemplate#export} turns a plan into a template: the
 * {@code app.sealos.io/v1} Template document first, then OpenIM's objects with {@code ${{ }}}
 * expressions as every App Store template writes them. {@link
 * io.openim.deploy.sealos.template.TemplateRenderer#render} renders such a template as Sealos Cloud
 * would, for exactly the subset of the language the exporter writes, and refuses everything else
 * with a {@link io.openim.deploy.sealos.template.TemplateException} listing each refused expression
 * with its line.
 *
 * <p>The template format and its expression language are described, with their sources, in the
 * project's {@code docs/sealos.md} (sealos v5.1.1, labring-actions/templates kb-0.9).
 */
@NullMarked
package io.openim.deploy.sealos.template;

import org.jspecify.annotations.NullMarked;
