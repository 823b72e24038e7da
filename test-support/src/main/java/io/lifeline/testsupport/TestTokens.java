package io.lifeline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * Bearer tokens for tests, signed with an RSA key generated once per test JVM. The key pair lives
 * in files (not static fields) because a Quarkus test resource and the test itself may load this
 * class in different class loaders; nothing here is ever committed.
 */
public final class TestTokens {

    /** The issuer Lifeline's services accept in development and tests. */
    public static final String ISSUER = "lifeline-dev";

    private static final Path KEY_DIR = Path.of(System.getProperty("java.io.tmpdir"),
            "lifeline-test-jwt-" + ProcessHandle.current().pid());

    private TestTokens() {
    }

    public static String operator() {
        return forRoles("test-operator", "operator");
    }

    public static String approver() {
        return forRoles("test-approver", "approver");
    }

    public static String forRoles(String subject, String... roles) {
        return sign(subject, Set.of(roles), Duration.ofHours(1), ISSUER);
    }

    public static String expired(String... roles) {
        return sign("test-expired", Set.of(roles), Duration.ofHours(-1), ISSUER);
    }

    /** A well-formed token from an issuer the services must refuse. */
    public static String foreignIssuer(String... roles) {
        return sign("test-foreign", Set.of(roles), Duration.ofHours(1), "https://not-lifeline.example");
    }

    public static Path publicKeyPem() {
        ensureKeys();
        return KEY_DIR.resolve("jwt-public.pem");
    }

    private static String sign(String subject, Set<String> roles, Duration ttl, String issuer) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(issuer)
                .subject(subject)
                .upn(subject)
                .groups(roles)
                .issuedAt(now - (ttl.isNegative() ? 7200 : 0))
                .expiresAt(now + ttl.toSeconds())
                .sign(privateKey());
    }

    private static PrivateKey privateKey() {
        ensureKeys();
        try {
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(KEY_DIR.resolve("jwt-private.pem"))
                    .replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void ensureKeys() {
        if (Files.exists(KEY_DIR.resolve("jwt-public.pem"))) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(KEY_DIR);
            KEY_DIR.toFile().deleteOnExit();
            writeAtomically("jwt-private.pem", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            writeAtomically("jwt-public.pem", pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeAtomically(String name, String content) throws IOException {
        Path tmp = Files.createTempFile(KEY_DIR, name, ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, KEY_DIR.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        KEY_DIR.resolve(name).toFile().deleteOnExit();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
