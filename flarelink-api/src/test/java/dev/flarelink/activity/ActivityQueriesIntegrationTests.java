package dev.flarelink.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.support.TestPostgres;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** Pages, filters and keyset pagination over a real PostgreSQL. */
@SpringBootTest
class ActivityQueriesIntegrationTests {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
    }

    @Autowired
    ActivityService activity;

    @Autowired
    ActivityRecorder recorder;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void walksEveryEventNewestFirstWithoutGapsOrDuplicates() {
        UUID user = UUID.randomUUID();
        // 130 events, several sharing a timestamp, so the id tie-breaker matters.
        for (int i = 0; i < 130; i++) {
            recorder.append(ActivityEvents.call(user, T0.plusSeconds(i / 3), "d1.query", null, "ok", "ray" + i, "q"));
        }
        recorder.append(ActivityEvents.call(UUID.randomUUID(), T0, "d1.query", null, "ok", "other", "q"));

        List<Long> seen = walk(user, ActivityFilter.none());

        assertThat(seen).hasSize(130).doesNotHaveDuplicates();
        List<Long> expected = new ArrayList<>();
        for (long seq = 130; seq >= 1; seq--) {
            expected.add(seq);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(activity.page(user, ActivityFilter.none(), null).events()).hasSize(ActivityPage.SIZE);
    }

    @Test
    void filtersNarrowByProjectActionOutcomeTimeAndText() {
        UUID user = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        recorder.append(ActivityEvents.call(user, T0, "d1.query", project, "ok", "aaa-LHR", "select 1"));
        recorder.append(ActivityEvents.call(user, T0.plusSeconds(10), "d1.query", null, "client_error", "bbb", "x"));
        recorder.append(ActivityEvents.call(user, T0.plusSeconds(20), "kv.put", project, "client_error", "ccc", "y"));
        recorder.append(ActivityEvents.call(user, T0.plusSeconds(30), "r2.get", null, "ok", "ddd", "100%_done"));

        assertThat(seqs(user, new ActivityFilter(project, null, null, null, null, null)))
                .containsExactly(3L, 1L);
        assertThat(seqs(user, new ActivityFilter(null, "d1.query", null, null, null, null)))
                .containsExactly(2L, 1L);
        assertThat(seqs(user, new ActivityFilter(null, null, "client_error", null, null, null)))
                .containsExactly(3L, 2L);
        assertThat(seqs(user, new ActivityFilter(project, null, "client_error", null, null, null)))
                .containsExactly(3L);
        assertThat(seqs(user, new ActivityFilter(null, null, null, T0.plusSeconds(10), T0.plusSeconds(30), null)))
                .containsExactly(3L, 2L);
        assertThat(seqs(user, new ActivityFilter(null, null, null, null, null, "lhr")))
                .containsExactly(1L);
        assertThat(seqs(user, new ActivityFilter(null, null, null, null, null, "KV.")))
                .containsExactly(3L);
        // Resource ids (and the names the client records there: bucket, script) match too.
        assertThat(seqs(user, new ActivityFilter(null, null, null, null, null, "DATABASE_ID=db1")))
                .containsExactly(4L, 3L, 2L, 1L);
        assertThat(seqs(user, new ActivityFilter(null, null, null, null, null, "%_")))
                .containsExactly(4L);
        assertThat(seqs(user, new ActivityFilter(null, null, null, null, null, "nowhere")))
                .isEmpty();
    }

    @Test
    void aRareTextIsFoundThroughTheTrigramIndexWhereverItIs() {
        UUID user = UUID.randomUUID();
        int total = ActivityQueries.SCAN_BUDGET + 200;
        // Placeholder hashes: the chain is not what this test is about, and seeding through SQL keeps it fast.
        jdbc.sql("""
                        insert into activity_event (user_id, seq, occurred_at, kind, action, outcome, cf_ray,
                            prev_hash, hash)
                        select :user, n, cast(:t0 as timestamptz) + n * interval '1 millisecond', 'call', 'd1.query', 'ok',
                            case n when 1 then 'needle-old' when :total - 150 then 'needle-new' else 'hay' || n end,
                            repeat('0', 64), repeat('0', 64)
                        from generate_series(1, :total) n
                        """)
                .param("user", user)
                .param("t0", java.sql.Timestamp.from(T0))
                .param("total", total)
                .update();
        ActivityFilter needle = new ActivityFilter(null, null, null, null, null, "needle");

        ActivityPage first = activity.page(user, needle, null);

        // Both matches on the first page, the oldest included: no window of recent events limits the search.
        assertThat(first.events()).extracting(e -> e.entry().cfRay()).containsExactly("needle-new", "needle-old");
        assertThat(first.next()).isNull();
        assertThat(first.searchedBackTo()).isNull();
        assertThat(activity.page(user, new ActivityFilter(null, null, null, null, null, "no-such-ray"), null)
                        .events())
                .isEmpty();
        // Two characters have no trigram: matched within the bounded window, and the page says how far it looked.
        ActivityPage shortText = activity.page(user, new ActivityFilter(null, null, null, null, null, "ne"), null);
        assertThat(shortText.events()).extracting(e -> e.entry().cfRay()).containsExactly("needle-new");
        assertThat(shortText.searchedBackTo()).isNotNull();
        assertThat(walk(user, new ActivityFilter(null, null, null, null, null, "ne")))
                .containsExactly((long) total - 150, 1L);
    }

    /** The query's text expression is the index's: with sequential scans off, the trigram index serves it. */
    @Test
    void theTextSearchExpressionIsTheTrigramIndexOne() {
        String plan = transactions.execute(status -> {
            jdbc.sql("set local enable_seqscan = off").update();
            return String.join(
                    "\n",
                    jdbc.sql("explain select id from activity_event where " + ActivityQueries.SEARCHED + " ilike :text")
                            .param("text", "%no-such-ray%")
                            .query(String.class)
                            .list());
        });
        assertThat(plan).contains("activity_event_search_trgm_idx");
    }

    @Test
    void kindMatchesTheActionFamilyAndResourceMatchesTheNamedIds() {
        UUID user = UUID.randomUUID();
        recorder.append(ActivityEvents.call(user, T0, "d1.database.query", null, "ok", "r1", "select 1"));
        recorder.append(ActivityEntry.action(user, "row.inserted", null, null, "ok", "1 row into table notes")
                .withResources("database_id=db1,table=notes"));
        recorder.append(ActivityEntry.action(user, "cors.changed", null, null, "ok", "photos: rule added")
                .withResources("bucket_name=photos"));
        recorder.append(ActivityEntry.action(user, "activity.verify", null, null, "ok", "intact"));

        assertThat(seqs(user, new ActivityFilter(null, null, null, null, null, null, ActivityKind.DATABASE, null)))
                .containsExactly(2L, 1L);
        assertThat(seqs(user, new ActivityFilter(null, null, null, null, null, null, ActivityKind.FILES, null)))
                .containsExactly(3L);
        assertThat(seqs(user, new ActivityFilter(null, null, null, null, null, null, null, "PHOTOS")))
                .containsExactly(3L);
        assertThat(seqs(user, new ActivityFilter(null, null, null, null, null, null, null, "db1")))
                .containsExactly(2L, 1L);
        assertThat(seqs(user, new ActivityFilter(null, null, null, null, null, null, ActivityKind.LOG, "db1")))
                .isEmpty();
    }

    private List<Long> seqs(UUID user, ActivityFilter filter) {
        return activity.page(user, filter, null).events().stream()
                .map(ActivityEventView::seq)
                .toList();
    }

    private List<Long> walk(UUID user, ActivityFilter filter) {
        List<Long> seen = new ArrayList<>();
        @Nullable ActivityCursor cursor = null;
        for (int guard = 0; guard < 100; guard++) {
            ActivityPage page = activity.page(user, filter, cursor);
            page.events().forEach(e -> seen.add(e.seq()));
            if (page.next() == null) {
                return seen;
            }
            cursor = ActivityCursor.parse(page.next().token());
        }
        throw new AssertionError("pagination did not end");
    }
}
