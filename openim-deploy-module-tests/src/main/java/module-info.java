/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/** A named module that uses openim-deploy-core as an application on the module path would. */
module io.openim.deploy.moduletests {
  requires io.openim.deploy.core;
}
