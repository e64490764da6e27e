package uk.cpis.server.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.springframework.core.io.Resource;

/**
 * The RSA key pair that signs demo tokens: read from a PKCS#8 PEM file when one is configured (so
 * tokens survive a restart, and tests can sign tokens of their own), otherwise made at start-up.
 */
public record DemoTokenKeys(RSAPublicKey publicKey, RSAPrivateCrtKey privateKey) {

    static DemoTokenKeys load(Resource pem) {
        if (pem == null) {
            return generate();
        }
        try (InputStream in = pem.getInputStream()) {
            String base64 = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            RSAPublicKey publicKey = (RSAPublicKey)
                    rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new DemoTokenKeys(publicKey, privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the demo token signing key " + pem, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The demo token signing key " + pem + " is not a PKCS#8 RSA key", e);
        }
    }

    private static DemoTokenKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new DemoTokenKeys((RSAPublicKey) pair.getPublic(), (RSAPrivateCrtKey) pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a demo token signing key", e);
        }
    }
}
