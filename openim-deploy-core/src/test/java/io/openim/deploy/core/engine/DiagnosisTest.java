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

@DisplayName("Why a pod is not ready, as a rollout failure tells it")
class DiagnosisTest {
  private static JsonObject pod(String spec, String status) {
    return JsonParser.parseString(("{'metadata':{'name':'db-0'},'spec':{" + spec + "},'status':{" + status + "}}")
        .replace('\'', '"')).getAsJsonObject();
  }

  @Test
  @DisplayName("Kubernetes' own reasons come first: unschedulable, a container waiting")
  void ownReasons() {
    assertThat(Diagnosis.reasons(pod("", "'phase':'Pending','conditions':[{'type':'PodScheduled','status':'False',"
        + "'reason':'Unschedulable','message':'0/2 nodes are available'}]")))
        .containsExactly("pod db-0 is Unschedulable: 0/2 nodes are available");
    assertThat(Diagnosis.reasons(pod("'nodeName':'n1'", "'phase':'Pending','containerStatuses':[{'name':'db',"
        + "'state':{'waiting':{'reason':'ImagePullBackOff','message':'not found'}}}]")))
        .containsExactly("pod db-0 container db is ImagePullBackOff: not found");
  }

  @Test
  @DisplayName("a pod with none of them says where it stands: unbound, unreported, or running but not ready")
  void standing() {
    assertThat(Diagnosis.reasons(pod("", "'phase':'Pending'")))
        .containsExactly("pod db-0 is not bound to a node yet (is a scheduler running?)");
    assertThat(Diagnosis.reasons(pod("'nodeName':'n1'", "'phase':'Pending'")))
        .containsExactly("pod db-0 is Pending on node n1, which has not reported it ready");
    assertThat(Diagnosis.reasons(pod("'nodeName':'n1'", "'phase':'Running','conditions':[{'type':'Ready',"
        + "'status':'False','reason':'NodeNotReady','message':'the node stopped posting status'}]")))
        .containsExactly("pod db-0 is Running on node n1 but not ready (NodeNotReady: the node stopped posting status)");
  }

  @Test
  @DisplayName("a ready pod adds nothing")
  void ready() {
    assertThat(Diagnosis.reasons(pod("'nodeName':'n1'", "'phase':'Running','conditions':[{'type':'Ready',"
        + "'status':'True'}]"))).isEmpty();
  }
}
