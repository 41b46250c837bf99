package dev.flarelink.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.support.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Exports (contents, hashes, formula neutralising) and retention with checkpoints, on a real PostgreSQL. */
@SpringBootTest
class ActivityExportAndRetentionIntegrationTests {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
    }

    @Autowired
    ActivityService activity;

    @Autowired
    ActivityRecorder recorder;

    @Autowired
    ActivityRetention retention;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Test
    void jsonLinesCarryEveryFieldAndHashesThatRecomputeOffline() {
        UUID user = UUID.randomUUID();
        recorder.append(ActivityEvents.call(user, T0, "d1.query", null, "ok", "ray-1", "select 1"));
        recorder.append(ActivityEvents.call(user, T0.plusSeconds(1), "d1.query", null, "client_error", "ray-2", "x"));

        List<JsonNode> rows = export(user, ActivityFilter.none(), ActivityExportFormat.JSON_LINES)
                .lines()
                .map(line -> JsonMapper.builder().build().readTree(line))
                .toList();

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("seq").asLong()).isEqualTo(1);
        assertThat(rows.get(0).get("prev_hash").asString()).isEqualTo(HashChain.GENESIS);
        assertThat(rows.get(1).get("prev_hash").asString())
                .isEqualTo(rows.get(0).get("hash").asString());
        assertThat(rows.get(1).get("error_codes").asString()).isEqualTo("7500");
        assertThat(rows.get(0).get("error_codes").isNull()).isTrue();
        for (JsonNode row : rows) {
            ActivityEventView stored = activity.event(user, row.get("seq").asLong());
            assertThat(row.get("hash").asString()).isEqualTo(stored.hash());
            assertThat(row.get("occurred_at").asString()).isEqualTo(stored.occurredAtText());
            // The exported fields alone reproduce the hash: what an offline verifier does.
            assertThat(HashChain.hash(row.get("prev_hash").asString(), stored.entry()))
                    .isEqualTo(row.get("hash").asString());
        }
        assertThat(activity.verify(user).lastHash())
                .isEqualTo(rows.get(1).get("hash").asString());
    }

    @Test
    void csvNeutralisesFormulasAndFollowsTheFilter() {
        UUID user = UUID.randomUUID();
        recorder.append(ActivityEvents.call(user, T0, "d1.query", null, "ok", "ray-1", "=HYPERLINK(\"http://x\")"));
        recorder.append(ActivityEvents.call(user, T0.plusSeconds(1), "kv.put", null, "ok", "ray-2", "@SUM(A1)"));

        String all = export(user, ActivityFilter.none(), ActivityExportFormat.CSV);
        String onlyD1 =
                export(user, new ActivityFilter(null, "d1.query", null, null, null, null), ActivityExportFormat.CSV);

        assertThat(all.lines().findFirst()).contains("\"" + String.join("\",\"", ActivityExporter.COLUMNS) + "\"");
        assertThat(all).contains("\"'=HYPERLINK(\"\"http://x\"\")\"").contains("\"'@SUM(A1)\"");
        assertThat(all).doesNotContain(",\"=HYPERLINK").doesNotContain(",\"@SUM");
        assertThat(all)
                .contains(activity.event(user, 1).hash())
                .contains(activity.event(user, 2).hash());
        assertThat(onlyD1.lines()).hasSize(2);
        assertThat(onlyD1).contains("ray-1").doesNotContain("ray-2");
        assertThat(ActivityExporter.neutralise("'quoted")).isEqualTo("''quoted");
        assertThat(ActivityExporter.neutralise("-1")).isEqualTo("'-1");
        assertThat(ActivityExporter.neutralise("plain")).isEqualTo("plain");
    }

    @Test
    void retentionRemovesOldEventsLeavesACheckpointAndTheChainStillVerifies() {
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            recorder.append(ActivityEvents.call(user, T0.plusSeconds(i), "d1.query", null, "ok", "old" + i, "q"));
        }
        for (int i = 0; i < 3; i++) {
            recorder.append(
                    ActivityEvents.call(user, T0.plusSeconds(1000 + i), "d1.query", null, "ok", "new" + i, "q"));
        }
        String hashOfFifth = activity.event(user, 5).hash();

        List<RetentionRun> runs = retention.removeOlderThan(T0.plusSeconds(500));

        assertThat(runs).contains(new RetentionRun(user, 5, 5));
        assertThat(jdbc.sql("select seq from activity_event where user_id = :u order by seq")
                        .param("u", user)
                        .query(Long.class)
                        .list())
                .containsExactly(6L, 7L, 8L, 9L);
        assertThat(activity.event(user, 9).entry().action()).isEqualTo("activity.retention");
        assertThat(jdbc.sql("select through_seq, through_hash, removed_count from activity_checkpoint "
                                + "where user_id = :u")
                        .param("u", user)
                        .query((rs, n) -> rs.getLong(1) + "/" + rs.getString(2) + "/" + rs.getLong(3))
                        .list())
                .containsExactly("5/" + hashOfFifth + "/5");
        assertThat(jdbc.sql("select key_id from activity_checkpoint where user_id = :u and mac is not null")
                        .param("u", user)
                        .query(String.class)
                        .list())
                .as("the checkpoint is signed, naming the master key")
                .containsExactly("test");
        IntegrityReport report = activity.verify(user);
        assertThat(report.intact()).isTrue();
        assertThat(report.checked()).isEqualTo(4);

        // A second pass finds nothing more to remove, and the guard is back on outside the job's transaction.
        assertThat(retention.removeOlderThan(T0.plusSeconds(500)))
                .noneMatch(run -> run.userId().equals(user));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> jdbc.sql("delete from activity_event where user_id = :u")
                                .param("u", user)
                                .update())
                .rootCause()
                .hasMessageContaining("append-only");
    }

    @Test
    void aCheckpointWrittenOutsideTheRetentionJobDoesNotVerifyAndTheAppsRoleCannotDelete() {
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 6; i++) {
            recorder.append(ActivityEvents.call(user, T0.plusSeconds(i), "d1.query", null, "ok", "e" + i, "q"));
        }

        // The app's role cannot delete events, whatever settings it sets: the retention function is its only way.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                    jdbc.sql("set local role flarelink_app").update();
                    jdbc.sql("select set_config('flarelink.activity_retention', 'on', true)")
                            .query(String.class)
                            .single();
                    jdbc.sql("select set_config('flarelink.system', 'on', true)")
                            .query(String.class)
                            .single();
                    jdbc.sql("delete from activity_event where user_id = :u and seq <= 4")
                            .param("u", user)
                            .update();
                }))
                .rootCause()
                .hasMessageContaining("permission denied");

        // Whoever can write the database as its owner removes events 1-4 and leaves a checkpoint that matches them.
        String hashOfFourth = activity.event(user, 4).hash();
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select set_config('flarelink.activity_retention', 'on', true)")
                    .query(String.class)
                    .single();
            jdbc.sql("delete from activity_event where user_id = :u and seq <= 4")
                    .param("u", user)
                    .update();
            jdbc.sql("insert into activity_checkpoint (user_id, through_seq, through_hash, removed_count, created_at) "
                            + "values (:u, 4, :hash, 4, now())")
                    .param("u", user)
                    .param("hash", hashOfFourth)
                    .update();
        });
        IntegrityReport unsigned = activity.verify(user);
        assertThat(unsigned.intact()).isFalse();
        assertThat(unsigned.reason()).contains("checkpoint through event 4 is not signed");

        // A made-up signature, even naming the real key, does not verify either.
        jdbc.sql("update activity_checkpoint set key_id = 'test', mac = 'bm90IGEgcmVhbCBzaWduYXR1cmUgYXQgYWxsIQ' "
                        + "where user_id = :u")
                .param("u", user)
                .update();
        IntegrityReport forged = activity.verify(user);
        assertThat(forged.intact()).isFalse();
        assertThat(forged.reason()).contains("has a signature that does not match");
    }

    private String export(UUID user, ActivityFilter filter, ActivityExportFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        activity.export(user, filter, format, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
