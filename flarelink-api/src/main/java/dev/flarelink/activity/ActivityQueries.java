package dev.flarelink.activity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a user's events. Every query starts with {@code user_id = :user}. Pages are keyset-paginated by
 * {@code (occurred_at, id)} along the {@code (user_id[, project|action|outcome], occurred_at desc, id desc)} indexes.
 * A filter no single index serves (free text, or two equality filters) is applied to a bounded, index-ordered
 * window of {@link #SCAN_BUDGET} events, so every page costs at most that many rows whatever the data.
 */
@Component
class ActivityQueries {

    /** The most events one page request examines for filters that no index serves. */
    static final int SCAN_BUDGET = 4_000;

    private static final String ORDER = " order by occurred_at desc, id desc";

    /** What free text matches; the same expression as V18's trigram index, so the index serves it. */
    static final String SEARCHED = "(action || ' ' || coalesce(path, '') || ' ' || coalesce(resource_ids, '') || ' ' "
            + "|| coalesce(detail, '') || ' ' || coalesce(cf_ray, ''))";

    /** Trigrams need three characters; a shorter text is matched within the bounded window instead. */
    static final int INDEXED_TEXT_MIN = 3;

    private final JdbcClient jdbc;

    ActivityQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    ActivityPage page(UUID user, ActivityFilter filter, @Nullable ActivityCursor before) {
        Where where = Where.of(user, filter, before);
        if (where.residual().isEmpty()) {
            List<ActivityEventView> rows = where.bind(
                            jdbc.sql("select * from activity_event where " + where.indexed() + ORDER + " limit :limit"))
                    .param("limit", ActivityPage.SIZE + 1)
                    .query((rs, n) -> view(rs))
                    .list();
            return fullOrLast(rows);
        }
        String window = "select * from activity_event where " + where.indexed() + ORDER + " limit :budget";
        List<ActivityEventView> rows = where.bind(jdbc.sql(
                        "select * from (" + window + ") w where " + where.residual() + ORDER + " limit :limit"))
                .param("budget", SCAN_BUDGET)
                .param("limit", ActivityPage.SIZE + 1)
                .query((rs, n) -> view(rs))
                .list();
        if (rows.size() > ActivityPage.SIZE) {
            return fullOrLast(rows);
        }
        // The page is not full: either the window reached the oldest event, or the budget ran out first and the next
        // page continues below the last examined event.
        Optional<Boundary> boundary = where.bind(jdbc.sql("select occurred_at, id, count(*) over () as scanned from ("
                        + "select occurred_at, id from activity_event where " + where.indexed() + ORDER
                        + " limit :budget) w order by occurred_at, id limit 1"))
                .param("budget", SCAN_BUDGET)
                .query((rs, n) -> new Boundary(
                        new ActivityCursor(rs.getTimestamp("occurred_at").toInstant(), rs.getLong("id")),
                        rs.getLong("scanned")))
                .optional();
        if (boundary.isEmpty() || boundary.get().scanned() < SCAN_BUDGET) {
            return new ActivityPage(rows, null, null);
        }
        ActivityCursor last = boundary.get().cursor();
        return new ActivityPage(rows, last, last.occurredAt());
    }

    @Transactional(readOnly = true)
    Optional<ActivityEventView> find(UUID user, long seq) {
        return jdbc.sql("select * from activity_event where user_id = :user and seq = :seq")
                .param("user", user)
                .param("seq", seq)
                .query((rs, n) -> view(rs))
                .optional();
    }

    /**
     * Hands every event the filter matches to {@code sink}, oldest first (chain order), reading through a
     * server-side cursor: memory stays constant however many events there are. Runs in a read-only transaction,
     * which PostgreSQL needs to honour the fetch size.
     */
    @Transactional(readOnly = true)
    void forEach(UUID user, ActivityFilter filter, Consumer<ActivityEventView> sink) {
        Where where = Where.of(user, filter, null);
        String condition = where.residual().isEmpty() ? where.indexed() : where.indexed() + " and " + where.residual();
        where.bind(jdbc.sql("select * from activity_event where " + condition + " order by seq"))
                .withFetchSize(500)
                .query(rs -> {
                    sink.accept(view(rs));
                });
    }

    /**
     * The user's call events in {@code [from, to)} made through {@code connectionId} or through no connection (the
     * calls of connecting a token), oldest first, at most {@code limit}; served by the (user, time) index.
     */
    @Transactional(readOnly = true)
    List<ActivityEventView> calls(
            UUID user, UUID connectionId, java.time.Instant from, java.time.Instant to, int limit) {
        return jdbc.sql("select * from activity_event where user_id = :user and occurred_at >= :from"
                        + " and occurred_at < :to and kind = 'call'"
                        + " and (connection_id = :connection or connection_id is null)"
                        + " order by occurred_at, id limit :limit")
                .param("user", user)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("connection", connectionId)
                .param("limit", limit)
                .query((rs, n) -> view(rs))
                .list();
    }

    static ActivityEventView view(ResultSet rs) throws SQLException {
        return new ActivityEventView(
                rs.getLong("id"), ChainVerifier.read(rs), rs.getString("prev_hash"), rs.getString("hash"));
    }

    private static ActivityPage fullOrLast(List<ActivityEventView> rows) {
        if (rows.size() <= ActivityPage.SIZE) {
            return new ActivityPage(rows, null, null);
        }
        List<ActivityEventView> page = new ArrayList<>(rows.subList(0, ActivityPage.SIZE));
        return new ActivityPage(page, page.get(page.size() - 1).cursor(), null);
    }

    private record Boundary(ActivityCursor cursor, long scanned) {}

    /** The filter as SQL: the part an index serves, and the residual part applied to a bounded window. */
    private record Where(String indexed, String residual, java.util.Map<String, Object> params) {

        static Where of(UUID user, ActivityFilter filter, @Nullable ActivityCursor before) {
            java.util.Map<String, Object> params = new java.util.HashMap<>();
            List<String> indexed = new ArrayList<>();
            List<String> residual = new ArrayList<>();
            indexed.add("user_id = :user");
            params.put("user", user);
            // One equality filter leads (it has its own index); any further one is residual.
            equality(filter.projectId(), "project_id", "project", indexed, residual, params);
            equality(filter.action(), "action", "action", indexed, residual, params);
            equality(filter.outcome(), "outcome", "outcome", indexed, residual, params);
            if (filter.from() != null) {
                indexed.add("occurred_at >= :from");
                params.put("from", Timestamp.from(filter.from()));
            }
            if (filter.to() != null) {
                indexed.add("occurred_at < :to");
                params.put("to", Timestamp.from(filter.to()));
            }
            if (before != null) {
                indexed.add("(occurred_at, id) < (:beforeAt, :beforeId)");
                params.put("beforeAt", Timestamp.from(before.occurredAt()));
                params.put("beforeId", before.id());
            }
            if (filter.kind() != null) {
                residual.add("split_part(action, '.', 1) in (:kindPrefixes)");
                params.put("kindPrefixes", filter.kind().prefixes());
            }
            if (filter.resource() != null) {
                residual.add("resource_ids ilike :resource");
                params.put("resource", "%" + escapeLike(filter.resource()) + "%");
            }
            if (filter.text() != null) {
                // With three characters or more the trigram index finds the matches, however rare; the planner
                // still walks the time index instead when the text is common and the first page fills at once.
                boolean trigrams = filter.text().codePointCount(0, filter.text().length()) >= INDEXED_TEXT_MIN;
                (trigrams ? indexed : residual).add(SEARCHED + " ilike :text");
                params.put("text", "%" + escapeLike(filter.text()) + "%");
            }
            return new Where(String.join(" and ", indexed), String.join(" and ", residual), params);
        }

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
            return statement.params(params);
        }

        private static void equality(
                @Nullable Object value,
                String column,
                String name,
                List<String> indexed,
                List<String> residual,
                java.util.Map<String, Object> params) {
            if (value == null) {
                return;
            }
            boolean leads = indexed.size() == 1;
            (leads ? indexed : residual).add(column + " = :" + name);
            params.put(name, value);
        }

        private static String escapeLike(String text) {
            return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        }
    }
}
