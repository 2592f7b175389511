/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile.internal;

import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Host addresses as a Clusterfile's {@code spec.hosts[].ips} holds them: an IPv4 or IPv6 literal,
 * optionally with a port ({@code IP:port}; {@code [IPv6]:port}). Parsed by hand, never resolved:
 * {@link java.net.InetAddress} would look a host name up in DNS.
 */
final class Addresses {
  private static final Pattern NAME_LIKE = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]+)?");
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,4}");
  private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

  private Addresses() {}

  /** An address read: the host's IP as bytes in hex (the same host, however written), its port or 0. */
  record Address(String host, int port) {}

  /** The address {@code text}, or why it is none (a sentence to follow the value). */
  static Result parse(String text) {
    String ip = text;
    @Nullable String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf("]:");
      if (close < 0) {
        return Result.no("has brackets but no port after them; write a bare IPv6 address, or [IPv6]:port");
      }
      ip = text.substring(1, close);
      port = text.substring(close + 2);
      if (ip.indexOf(':') < 0) {
        return Result.no("puts an IPv4 address in brackets; brackets are for IPv6 only: write IP:port");
      }
    } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') >= 0) {
      ip = text.substring(0, text.indexOf(':'));
      port = text.substring(text.indexOf(':') + 1);
    }
    Optional<byte[]> bytes = ip.indexOf(':') >= 0 ? ipv6(ip) : ipv4(ip);
    if (bytes.isEmpty()) {
      return Result.no(NAME_LIKE.matcher(text).matches() && text.chars().anyMatch(Character::isLetter)
          ? "looks like a host name; sealos wants IP addresses (docs/sealos.md): give the host's IP"
          : "is not an IPv4 or IPv6 address (IP, IP:port or [IPv6]:port)");
    }
    if (isUnspecified(bytes.get())) {
      return Result.no("is the unspecified address, which names no host; give the host's own IP");
    }
    int number = 0;
    if (port != null) {
      if (!DECIMAL.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
        return Result.no("has the port '" + port + "'; a port is a number from 1 to 65535");
      }
      number = Integer.parseInt(port);
    }
    return new Result(new Address(HexFormat.of().formatHex(bytes.get()), number), "");
  }

  /** An address, or why the text is none. */
  record Result(Address address, String problem) {
    static Result no(String problem) {
      return new Result(new Address("", 0), problem);
    }

    boolean ok() {
      return problem.isEmpty();
    }
  }

  private static boolean isUnspecified(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** Dotted quad, each part 0 to 255 without leading zeros (which some readers take as octal). */
  static Optional<byte[]> ipv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (!DECIMAL.matcher(parts[i]).matches() || parts[i].length() > 3 || Integer.parseInt(parts[i]) > 255) {
        return Optional.empty();
      }
      out[i] = (byte) Integer.parseInt(parts[i]);
    }
    return Optional.of(out);
  }

  /** Eight groups of one to four hex digits, one {@code ::} for a run of zero groups, an IPv4 tail allowed; no zone. */
  static Optional<byte[]> ipv6(String text) {
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return Optional.empty();
    }
    String head = gap < 0 ? text : text.substring(0, gap);
    String tail = gap < 0 ? "" : text.substring(gap + 2);
    byte[] front = groups(head, gap < 0);
    byte[] back = groups(tail, true);
    if (front == null || back == null) {
      return Optional.empty();
    }
    int length = front.length + back.length;
    if (gap < 0 ? length != 16 : length > 14) {
      return Optional.empty();
    }
    byte[] out = new byte[16];
    System.arraycopy(front, 0, out, 0, front.length);
    System.arraycopy(back, 0, out, 16 - back.length, back.length);
    return Optional.of(out);
  }

  private static byte @Nullable [] groups(String text, boolean last) {
    if (text.isEmpty()) {
      return new byte[0];
    }
    String[] parts = text.split(":", -1);
    byte[] out = new byte[parts.length * 2 + 2];
    int n = 0;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (last && i == parts.length - 1 && part.indexOf('.') >= 0) {
        Optional<byte[]> v4 = ipv4(part);
        if (v4.isEmpty()) {
          return null;
        }
        System.arraycopy(v4.get(), 0, out, n, 4);
        n += 4;
      } else {
        if (!HEX_GROUP.matcher(part).matches()) {
          return null;
        }
        int value = Integer.parseInt(part, 16);
        out[n++] = (byte) (value >> 8);
        out[n++] = (byte) value;
      }
    }
    byte[] exact = new byte[n];
    System.arraycopy(out, 0, exact, 0, n);
    return exact;
  }
}
