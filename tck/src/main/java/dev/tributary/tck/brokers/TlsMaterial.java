package dev.tributary.tck.brokers;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test TLS material made in-process with BouncyCastle ({@code org.bouncycastle:bcpkix-jdk18on}, needed on the
 * class path only by brokers that use TLS): a throw-away CA and a server certificate it signed for
 * {@value Broker#HOST} (IP SAN) and {@code localhost} (DNS SAN), EC P-256, valid one day. Writes a PKCS12 key
 * store (server key + chain) and a PKCS12 trust store (the CA), both protected by one random password.
 * Immutable once written; not thread-safe while writing.
 */
final class TlsMaterial {

    static final String STORE_TYPE = "PKCS12";

    private final Path keyStore;
    private final Path trustStore;
    private final String password;

    private TlsMaterial(Path keyStore, Path trustStore, String password) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.password = password;
    }

    /** Whether BouncyCastle's PKIX classes are on the class path. */
    static boolean available() {
        try {
            Class.forName("org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder", false,
                    TlsMaterial.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Generates CA and server certificate and writes {@code server.keystore.p12} and {@code client.truststore.p12}
     * into {@code dir}.
     *
     * @throws BrokerException TRB-TCK105 when generating or writing fails
     */
    static TlsMaterial write(Path dir, String serverName) {
        try {
            SecureRandom random = new SecureRandom();
            String password = new BigInteger(80, random).toString(36);
            Instant now = Instant.now();
            Date from = Date.from(now.minus(Duration.ofHours(1)));
            Date to = Date.from(now.plus(Duration.ofDays(1)));

            KeyPair caKeys = ecKeys(random);
            X500Name caName = new X500Name("CN=Tributary test CA");
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(random), from, to, caName,
                    caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caCert = sign(ca, caKeys.getPrivate());

            KeyPair serverKeys = ecKeys(random);
            X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(caName, serial(random), from, to,
                    new X500Name("CN=" + serverName), serverKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, Broker.HOST),
                        new GeneralName(GeneralName.dNSName, "localhost")}));
            X509Certificate serverCert = sign(server, caKeys.getPrivate());

            KeyStore keys = KeyStore.getInstance(STORE_TYPE);
            keys.load(null, null);
            keys.setKeyEntry("server", serverKeys.getPrivate(), password.toCharArray(),
                    new Certificate[] {serverCert, caCert});
            KeyStore trust = KeyStore.getInstance(STORE_TYPE);
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCert);

            Path keyStore = dir.resolve("server.keystore.p12");
            Path trustStore = dir.resolve("client.truststore.p12");
            store(keys, keyStore, password);
            store(trust, trustStore, password);
            return new TlsMaterial(keyStore, trustStore, password);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new BrokerException("TRB-TCK105", "cannot create the test TLS certificates in " + dir, e);
        }
    }

    Path keyStore() {
        return keyStore;
    }

    Path trustStore() {
        return trustStore;
    }

    /** The password of both stores (and of the server key). */
    String password() {
        return password;
    }

    private static KeyPair ecKeys(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(64, random).abs().add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException, CertIOException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static void store(KeyStore store, Path file, String password) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }
}
