package dev.flarelink.activity;

import java.io.StringReader;
import java.sql.Connection;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Writes a valid hash chain of {@code count} call events for one user, fast (COPY in chunks of 10,000 rows, so the
 * seeding itself stays in constant memory), for the streaming tests and the on-demand verify harness.
 */
final class ChainSeed {

    private static final int CHUNK = 10_000;
    private static final Instant FIRST = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] ACTIONS = {"d1.database.query", "workers.script.upload", "kv.put", "accounts.list"};

    private ChainSeed() {}

    /** Appends events 1..count to a user with no events yet; returns the hash of the last one. */
    static String seed(DataSource dataSource, UUID user, int count) throws Exception {
        String previous = HashChain.GENESIS;
        try (Connection connection = dataSource.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder rows = new StringBuilder(CHUNK * 400);
            for (int seq = 1; seq <= count; seq++) {
                ActivityEntry entry = new ActivityEntry(
                        user,
                        seq,
                        FIRST.plusSeconds(seq),
                        "call",
                        ACTIONS[seq % ACTIONS.length],
                        null,
                        null,
                        "POST",
                        "/accounts/{account_id}/d1/database/{database_id}/query",
                        "account_id=acc1,database_id=db1",
                        200,
                        null,
                        "ray-" + seq,
                        12,
                        1,
                        "ok",
                        "select * from users where id = ? -- " + seq);
                String hash = HashChain.hash(previous, entry);
                rows.append(user)
                        .append('\t')
                        .append(seq)
                        .append('\t')
                        .append(HashChain.timestamp(entry.occurredAt()))
                        .append("\tcall\t")
                        .append(entry.action())
                        .append("\t\\N\t\\N\tPOST\t")
                        .append(entry.path())
                        .append('\t')
                        .append(entry.resourceIds())
                        .append("\t200\t\\N\t")
                        .append(entry.cfRay())
                        .append("\t12\t1\tok\t")
                        .append(entry.detail())
                        .append('\t')
                        .append(previous)
                        .append('\t')
                        .append(hash)
                        .append('\n');
                previous = hash;
                if (seq % CHUNK == 0 || seq == count) {
                    copy.copyIn(
                            "copy activity_event (user_id, seq, occurred_at, kind, action, connection_id, project_id, "
                                    + "method, path, resource_ids, status, error_codes, cf_ray, duration_ms, attempt, "
                                    + "outcome, detail, prev_hash, hash) from stdin",
                            new StringReader(rows.toString()));
                    rows.setLength(0);
                }
            }
            try (var head =
                    connection.prepareStatement("insert into activity_chain_head (user_id, last_seq, last_hash) "
                            + "values (?, ?, ?) on conflict (user_id) do update set last_seq = excluded.last_seq, "
                            + "last_hash = excluded.last_hash")) {
                head.setObject(1, user);
                head.setLong(2, count);
                head.setString(3, previous);
                head.executeUpdate();
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
        return previous;
    }
}
