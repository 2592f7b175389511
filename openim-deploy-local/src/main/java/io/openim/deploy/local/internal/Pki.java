/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A throw-away public key infrastructure for one local cluster: a CA, a serving certificate for
 * the loopback address, client certificates signed by the CA, and a key pair that signs service
 * account tokens. Everything is generated fresh; nothing is shared between clusters.
 */
public final class Pki {
  private static final Duration VALIDITY = Duration.ofDays(30);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Credential ca;
  private final Credential serving;
  private final KeyPair serviceAccountKeys;

  private Pki(Credential ca, Credential serving, KeyPair serviceAccountKeys) {
    this.ca = ca;
    this.serving = serving;
    this.serviceAccountKeys = serviceAccountKeys;
  }

  /** A certificate and its private key, both PEM-encoded. */
  public record Credential(X509Certificate certificate, KeyPair keys) {
    /** The certificate in PEM. */
    public String certificatePem() {
      return pem(certificate);
    }

    /** The private key in PEM (PKCS#1 for RSA). */
    public String privateKeyPem() {
      return pem(keys.getPrivate());
    }
  }

  /**
   * Generates a CA, a serving certificate for 127.0.0.1, localhost, the {@code kubernetes}
   * Service and {@code extraAddresses}, and service-account keys.
   */
  public static Pki generate(String... extraAddresses) {
    KeyPair caKeys = rsa();
    X500Name caName = name("openim-deploy-local-ca", List.of());
    X509Certificate caCert =
        sign(caName, caKeys.getPublic(), caName, caKeys, true, null, null);
    Credential ca = new Credential(caCert, caKeys);
    KeyPair servingKeys = rsa();
    List<String> addresses = new ArrayList<>(List.of("127.0.0.1", "10.96.0.1"));
    addresses.addAll(List.of(extraAddresses));
    GeneralNames sans =
        sans(
            List.of(
                "localhost",
                "kubernetes",
                "kubernetes.default",
                "kubernetes.default.svc",
                "kubernetes.default.svc.cluster.local"),
            addresses);
    X509Certificate servingCert =
        sign(
            name("kube-apiserver", List.of()),
            servingKeys.getPublic(),
            caName,
            caKeys,
            false,
            KeyPurposeId.id_kp_serverAuth,
            sans);
    return new Pki(ca, new Credential(servingCert, servingKeys), rsa());
  }

  /** The certificate authority every component and client trusts. */
  public Credential ca() {
    return ca;
  }

  /** The serving certificate of kube-apiserver, kube-controller-manager and kube-scheduler. */
  public Credential serving() {
    return serving;
  }

  /**
   * Issues a client certificate. Kubernetes reads the user name from the common name and the
   * groups from the organizations; {@code system:masters} makes a cluster admin.
   */
  public Credential issueClient(String user, List<String> groups) {
    KeyPair keys = rsa();
    X509Certificate cert =
        sign(
            name(user, groups),
            keys.getPublic(),
            name("openim-deploy-local-ca", List.of()),
            ca.keys(),
            false,
            KeyPurposeId.id_kp_clientAuth,
            null);
    return new Credential(cert, keys);
  }

  /** Issues a serving certificate for {@code dnsNames} and {@code addresses}, signed by the CA. */
  public Credential issueServing(String commonName, List<String> dnsNames, List<String> addresses) {
    KeyPair keys = rsa();
    X509Certificate cert =
        sign(
            name(commonName, List.of()),
            keys.getPublic(),
            name("openim-deploy-local-ca", List.of()),
            ca.keys(),
            false,
            KeyPurposeId.id_kp_serverAuth,
            sans(dnsNames, addresses));
    return new Credential(cert, keys);
  }

  private static GeneralNames sans(List<String> dnsNames, List<String> addresses) {
    List<GeneralName> names = new ArrayList<>();
    dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
    addresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  /**
   * Writes ca.crt, apiserver.crt/.key, sa.key/sa.pub and the API server's client certificate for
   * kubelets (kubelet-client.crt/.key) into {@code dir}.
   */
  public void writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
      Files.writeString(dir.resolve("apiserver.crt"), serving.certificatePem());
      Files.writeString(dir.resolve("apiserver.key"), serving.privateKeyPem());
      Files.writeString(dir.resolve("sa.key"), pem(serviceAccountKeys.getPrivate()));
      Credential kubeletClient = issueClient("kube-apiserver-kubelet-client", List.of());
      Files.writeString(dir.resolve("kubelet-client.crt"), kubeletClient.certificatePem());
      Files.writeString(dir.resolve("kubelet-client.key"), kubeletClient.privateKeyPem());
      Files.writeString(dir.resolve("sa.pub"), pem(serviceAccountKeys.getPublic()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the cluster's certificates to " + dir, e);
    }
  }

  private static X500Name name(String commonName, List<String> organizations) {
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    for (String organization : organizations) {
      builder.addRDN(BCStyle.O, organization);
    }
    return builder.addRDN(BCStyle.CN, commonName).build();
  }

  private static X509Certificate sign(
      X500Name subject,
      PublicKey subjectKey,
      X500Name issuer,
      KeyPair issuerKeys,
      boolean isCa,
      @Nullable KeyPurposeId purpose,
      @Nullable GeneralNames sans) {
    try {
      Instant now = Instant.now();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuer,
              new BigInteger(127, RANDOM).add(BigInteger.ONE),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(VALIDITY)),
              subject,
              subjectKey);
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
      if (isCa) {
        builder.addExtension(
            Extension.keyUsage,
            true,
            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
      } else {
        builder.addExtension(
            Extension.keyUsage,
            true,
            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      }
      if (purpose != null) {
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      }
      if (sans != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, sans);
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("could not issue a certificate for " + subject, e);
    }
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate RSA keys", e);
    }
  }

  static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
