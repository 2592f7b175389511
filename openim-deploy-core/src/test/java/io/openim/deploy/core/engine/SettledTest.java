/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Whether a live object already holds an apply")
class SettledTest {
  private static JsonObject json(String text) {
    return JsonParser.parseString(text.replace('\'', '"')).getAsJsonObject();
  }

  private static final JsonObject SENT = json("{'kind':'Deployment','metadata':{'name':'api','labels':{'a':'b'}},"
      + "'spec':{'replicas':2,'template':{'spec':{'containers':[{'name':'api','ports':[{'containerPort':10002}]}]}}}}");

  @Test
  @DisplayName("fields the server and controllers add do not count, numbers compare by value")
  void extraFields() {
    assertThat(Settled.holds(SENT, json("{'kind':'Deployment','metadata':{'name':'api','uid':'u','labels':{'a':'b',"
        + "'c':'d'}},'spec':{'replicas':2.0,'strategy':{},'template':{'spec':{'containers':[{'name':'api',"
        + "'imagePullPolicy':'IfNotPresent','ports':[{'containerPort':10002,'protocol':'TCP'}]}]}}},"
        + "'status':{'replicas':2}}"))).isTrue();
  }

  @Test
  @DisplayName("the items of a list, which carry no apiVersion and kind, count")
  void listItem() {
    assertThat(Settled.holds(json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'k':'v'}}"),
        json("{'metadata':{'name':'c','resourceVersion':'7'},'data':{'k':'v'}}"))).isTrue();
  }

  @Test
  @DisplayName("a value changed, a field missing, or a list of another length does")
  void drift() {
    assertThat(Settled.holds(SENT, json("{'kind':'Deployment','metadata':{'name':'api','labels':{'a':'b'}},"
        + "'spec':{'replicas':3,'template':{'spec':{'containers':[{'name':'api','ports':[{'containerPort':10002}]}]}}}}")))
        .as("replicas scaled by another manager").isFalse();
    assertThat(Settled.holds(SENT, json("{'kind':'Deployment','metadata':{'name':'api'},"
        + "'spec':{'replicas':2,'template':{'spec':{'containers':[{'name':'api','ports':[{'containerPort':10002}]}]}}}}")))
        .as("labels gone").isFalse();
    assertThat(Settled.holds(SENT, json("{'kind':'Deployment','metadata':{'name':'api','labels':{'a':'b'}},"
        + "'spec':{'replicas':2,'template':{'spec':{'containers':[{'name':'api','ports':[{'containerPort':10002}]},"
        + "{'name':'sidecar'}]}}}}"))).as("a container added").isFalse();
  }

  @Test
  @DisplayName("a Secret's stringData is compared with the data the server stores it as")
  void secret() {
    JsonObject sent = json("{'kind':'Secret','metadata':{'name':'db'},'stringData':{'password':'hunter2'}}");
    assertThat(Settled.holds(sent, json("{'kind':'Secret','metadata':{'name':'db'},'data':{'password':'aHVudGVyMg=='},"
        + "'type':'Opaque'}"))).isTrue();
    assertThat(Settled.holds(sent, json("{'kind':'Secret','metadata':{'name':'db'},'data':{'password':'b3RoZXI='}}")))
        .isFalse();
  }
}
