package dev.flarelink.provisioning;

import dev.flarelink.crypto.AssociatedData;
import dev.flarelink.crypto.TokenCipher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service keys: {@code flarelink_sk_} + 64 hex (32 random bytes). Only the SHA-256 stays; the key itself waits,
 * encrypted and bound to its user and project, until its owner has seen it once, and is then deleted.
 */
@Component
class ServiceKeys {

    static final String PREFIX = "flarelink_sk_";
    private static final String PURPOSE = "service-key-once";

    private final TokenCipher cipher;
    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    ServiceKeys(TokenCipher cipher, JdbcClient jdbc) {
        this.cipher = cipher;
        this.jdbc = jdbc;
    }

    String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + HexFormat.of().formatHex(bytes);
    }

    /** Lower-case hex SHA-256 of the whole key, prefix included (what the Worker compares against). */
    static String sha256(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Keeps the key, encrypted, until {@link #takeOnce} shows it. Call inside the project's creating transaction. */
    void holdForDisplay(UUID userId, UUID projectId, String key, Instant now) {
        String ciphertext = cipher.encrypt(key.getBytes(StandardCharsets.UTF_8), aad(userId, projectId));
        jdbc.sql("insert into project_service_key_once (project_id, ciphertext, created_at) values (:p, :c, :now)")
                .param("p", projectId)
                .param("c", ciphertext)
                .param("now", RunStore.ts(now))
                .update();
    }

    boolean waiting(UUID projectId) {
        return jdbc.sql("select count(*) from project_service_key_once where project_id = :p")
                        .param("p", projectId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Forgets a key that was never shown (it was replaced). */
    void discard(UUID projectId) {
        jdbc.sql("delete from project_service_key_once where project_id = :p")
                .param("p", projectId)
                .update();
    }

    /** Returns the key and deletes it in the same transaction: a second call finds nothing. */
    @Transactional
    Optional<String> takeOnce(UUID userId, UUID projectId) {
        Optional<String> ciphertext = jdbc.sql(
                        "delete from project_service_key_once where project_id = :p returning ciphertext")
                .param("p", projectId)
                .query(String.class)
                .optional();
        return ciphertext.map(text -> {
            byte[] plaintext = cipher.decrypt(text, aad(userId, projectId));
            String key = new String(plaintext, StandardCharsets.UTF_8);
            Arrays.fill(plaintext, (byte) 0);
            return key;
        });
    }

    private static AssociatedData aad(UUID userId, UUID projectId) {
        return AssociatedData.of(PURPOSE, "user", userId.toString(), "project", projectId.toString());
    }
}
