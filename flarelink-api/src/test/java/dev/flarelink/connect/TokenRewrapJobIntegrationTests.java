package dev.flarelink.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.crypto.AesGcmTokenCipher;
import dev.flarelink.crypto.KeyMaterial;
import dev.flarelink.crypto.Keyring;
import dev.flarelink.crypto.TokenCipher;
import dev.flarelink.support.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** Key rotation over the connections table: reads work at every step, and the job is resumable. */
@SpringBootTest
class TokenRewrapJobIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountService accounts;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void movesEveryTokenToTheNewKeyEvenWhenStoppedHalfWay() {
        SecureRandom random = new SecureRandom();
        KeyMaterial k1 = KeyMaterial.generate(random);
        KeyMaterial k2 = KeyMaterial.generate(random);
        TokenCipher before = new AesGcmTokenCipher(Keyring.of("k1", k1));
        UUID user = accounts.signUp(
                        new SignUpCommand(UUID.randomUUID() + "@example.com", "a sturdy passphrase of words"))
                .id();
        List<UUID> ids = new ArrayList<>();
        // Ids above every random one, so a batch that starts below them reaches exactly these rows first.
        String run = String.format("%08x", random.nextInt() & 0x7fffffff);
        for (int i = 0; i < 5; i++) {
            UUID id = UUID.fromString(
                    "ffffffff-" + run.substring(0, 4) + "-" + run.substring(4) + "-0000-00000000000" + i);
            ids.add(id);
            insert(id, user, before.encrypt(token(i), ConnectionService.associatedData(user, id)));
        }
        // Step 2 of the procedure: k2 is primary, k1 still decrypts.
        TokenCipher rotated =
                new AesGcmTokenCipher(Keyring.of("k1", k1).withKey("k2", k2).promote("k2"));
        TokenRewrapJob job = new TokenRewrapJob(jdbc, rotated, transactions);

        // Stopped after one batch of two: a half-rotated table still reads with the rotated ring.
        TokenRewrapJob.Batch first = job.rewrapBatch(UUID.fromString("fffffffe-ffff-ffff-ffff-ffffffffffff"), 2);
        assertThat(first.moved()).isEqualTo(2);
        assertThat(ciphertexts(user))
                .filteredOn(text -> text.startsWith("v1.k1."))
                .hasSize(3);
        assertEveryTokenReadable(rotated, user, ids);
        job.rewrapAll();
        job.rewrapAll();

        assertThat(ciphertexts(user))
                .hasSize(5)
                .allSatisfy(text -> assertThat(text).startsWith("v1.k2."));
        assertEveryTokenReadable(rotated, user, ids);
        TokenCipher retired = new AesGcmTokenCipher(Keyring.of("k2", k2));
        assertEveryTokenReadable(retired, user, ids);
    }

    private void assertEveryTokenReadable(TokenCipher cipher, UUID user, List<UUID> ids) {
        for (int i = 0; i < ids.size(); i++) {
            UUID id = ids.get(i);
            String text = jdbc.sql("select token_ciphertext from cloudflare_connection where id = :id")
                    .param("id", id)
                    .query(String.class)
                    .single();
            assertThat(cipher.decrypt(text, ConnectionService.associatedData(user, id)))
                    .isEqualTo(token(i));
        }
    }

    private static byte[] token(int i) {
        return ("cfut_rotation_test_token_" + i + "_0123456789012345678901").getBytes(StandardCharsets.UTF_8);
    }

    private void insert(UUID id, UUID user, String ciphertext) {
        jdbc.sql("""
                        insert into cloudflare_connection (id, user_id, account_id, account_name, token_ciphertext,
                            token_id, token_fingerprint, status, granted, checked_at, created_at)
                        values (:id, :user, :account, 'Rotation', :text, 'tok', 'cfut_…abcd', 'active', '', :now, :now)
                        """)
                .param("id", id)
                .param("user", user)
                .param("account", "acct-" + id)
                .param("text", ciphertext)
                .param("now", java.sql.Timestamp.from(Instant.now()))
                .update();
    }

    private List<String> ciphertexts(UUID user) {
        return jdbc.sql("select token_ciphertext from cloudflare_connection where user_id = :u")
                .param("u", user)
                .query(String.class)
                .list();
    }
}
