package dev.flarelink.connect;

import dev.flarelink.crypto.CryptoException;
import dev.flarelink.crypto.TokenCipher;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Key rotation's re-encryption step: moves every stored token under the primary key, in batches.
 *
 * <p>Resumable and safe on several nodes at once: each batch claims its rows with {@code FOR UPDATE SKIP LOCKED},
 * only rows still under another key are selected, and the update only applies if the ciphertext is unchanged, so a
 * concurrent token replacement wins. Reads keep working throughout because the old key stays in the ring until it is
 * retired (docs/crypto.md §5).
 */
@Component
public class TokenRewrapJob {

    private static final Logger log = LoggerFactory.getLogger(TokenRewrapJob.class);
    static final int BATCH_SIZE = 100;

    private final JdbcClient jdbc;
    private final TokenCipher cipher;
    private final TransactionTemplate transactions;

    TokenRewrapJob(JdbcClient jdbc, TokenCipher cipher, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.transactions = transactions;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    public void rewrapAll() {
        int total = 0;
        Batch batch = rewrapBatch(null, BATCH_SIZE);
        total += batch.moved();
        while (batch.lastId() != null) {
            batch = rewrapBatch(batch.lastId(), BATCH_SIZE);
            total += batch.moved();
        }
        if (total > 0) {
            log.info("Re-encrypted {} stored tokens under the primary key", total);
        }
    }

    /**
     * Walks up to {@code size} connections after {@code afterId} (in id order) in one transaction and re-encrypts
     * those still under an older key.
     *
     * @return how many moved, and the last id seen (null when the table is exhausted)
     */
    public Batch rewrapBatch(@Nullable UUID afterId, int size) {
        Batch batch = transactions.execute(status -> {
            List<Row> rows = jdbc.sql("select id, user_id, token_ciphertext from cloudflare_connection "
                            + (afterId == null ? "" : "where id > :after ")
                            + "order by id limit :size for update skip locked")
                    .params(
                            afterId == null
                                    ? java.util.Map.of("size", size)
                                    : java.util.Map.of("after", afterId, "size", size))
                    .query((rs, n) -> new Row(
                            rs.getObject("id", UUID.class),
                            rs.getObject("user_id", UUID.class),
                            rs.getString("token_ciphertext")))
                    .list();
            int moved = 0;
            for (Row row : rows) {
                if (cipher.needsReencryption(row.ciphertext())) {
                    moved += rewrap(row);
                }
            }
            return new Batch(
                    moved, rows.size() < size ? null : rows.get(rows.size() - 1).id());
        });
        return batch == null ? new Batch(0, null) : batch;
    }

    /** The outcome of one batch. */
    public record Batch(int moved, @Nullable UUID lastId) {}

    private int rewrap(Row row) {
        try {
            String fresh = cipher.reencrypt(row.ciphertext(), ConnectionService.associatedData(row.userId(), row.id()));
            return jdbc.sql("update cloudflare_connection set token_ciphertext = :fresh "
                            + "where id = :id and token_ciphertext = :old")
                    .param("fresh", fresh)
                    .param("id", row.id())
                    .param("old", row.ciphertext())
                    .update();
        } catch (CryptoException e) {
            // Corrupt, or under a key no longer in the ring: leave it for a human, never print its contents.
            log.warn(
                    "Could not re-encrypt the token of connection {}: {}",
                    row.id(),
                    e.getClass().getSimpleName());
            return 0;
        }
    }

    private record Row(UUID id, UUID userId, String ciphertext) {}
}
