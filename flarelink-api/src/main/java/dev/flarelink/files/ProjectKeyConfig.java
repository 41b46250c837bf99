package dev.flarelink.files;

import dev.flarelink.cloudflare.d1.D1QueryResult;
import dev.flarelink.cloudflare.d1.D1Statement;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.provisioning.ReloadTicket;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The R2 keypair rows of a project's {@code flarelink_config} in its own D1 ({@code R2_ACCOUNT_ID},
 * {@code R2_ACCESS_KEY_ID}, {@code R2_SECRET_ACCESS_KEY}, the names the auth Worker reads), and {@code R2_BUCKETS}, the
 * buckets a bucket-scoped key reaches (R2 refuses such a key ListBuckets, so the Worker answers its buckets route from
 * this row). Values travel only as bound parameters, which neither the Activity log nor any log records; Flarelink's
 * database never sees them.
 */
@Component
class ProjectKeyConfig {

    static final String ACCOUNT = "R2_ACCOUNT_ID";
    static final String ACCESS_KEY = "R2_ACCESS_KEY_ID";
    static final String SECRET = "R2_SECRET_ACCESS_KEY";
    /** Where the Worker's storage routes sign for: set only when R2 is emulated (the Worker defaults to R2). */
    static final String ENDPOINT = "R2_ENDPOINT";
    /**
     * The buckets the key reaches, a JSON array of {@code {name, createdAt}} (auth Worker 0.6.0+; older Workers ignore
     * it). Absent for a key that may list the account's buckets itself.
     */
    static final String BUCKETS = "R2_BUCKETS";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** S3 ListBuckets' CreationDate format, so the Worker answers the same either way. */
    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final String UPSERT = "INSERT INTO flarelink_config (key, value, updated_at) VALUES (?1, ?2, "
            + "unixepoch()) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";
    private static final String READ = "SELECT key, value FROM flarelink_config WHERE key IN ('" + ACCOUNT + "', '"
            + ACCESS_KEY + "', '" + SECRET + "', '" + BUCKETS + "')";
    /**
     * R2_BUCKETS for the keypair that is there now, unless the row exists already: a key replaced meanwhile, or a row
     * written meanwhile, is left alone. (The WHERE also keeps SQLite from reading ON CONFLICT as a join constraint.)
     */
    private static final String ADD_BUCKETS = "INSERT INTO flarelink_config (key, value, updated_at) "
            + "SELECT ?1, ?2, unixepoch() "
            + "WHERE EXISTS (SELECT 1 FROM flarelink_config WHERE key = '" + ACCESS_KEY + "' AND value = ?3) "
            + "ON CONFLICT(key) DO NOTHING";

    private static final String CLEAR = "DELETE FROM flarelink_config WHERE key IN ('" + ACCOUNT + "', '" + ACCESS_KEY
            + "', '" + SECRET + "', '" + ENDPOINT + "', '" + BUCKETS + "')";
    private static final String CLEAR_ENDPOINT = "DELETE FROM flarelink_config WHERE key = '" + ENDPOINT + "'";
    private static final String CLEAR_BUCKETS = "DELETE FROM flarelink_config WHERE key = '" + BUCKETS + "'";

    private final R2Endpoint endpoint;

    ProjectKeyConfig(R2Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Writes the keypair, the buckets it reaches (none: a key that may list the account's buckets) and the reload
     * ticket in one batch, replacing the project's previous keypair.
     */
    void write(
            ConnectedAccount account,
            ProjectLink project,
            S3Keypair keypair,
            List<ReachedBucket> buckets,
            ReloadTicket ticket) {
        String database = database(project);
        List<D1Statement> statements = new ArrayList<>(List.of(
                D1Statement.of(UPSERT, ACCOUNT, account.accountId()),
                D1Statement.of(UPSERT, ACCESS_KEY, keypair.accessKeyId()),
                D1Statement.of(UPSERT, SECRET, keypair.secretAccessKey())));
        statements.add(endpoint.workerOverride()
                .map(root -> D1Statement.of(UPSERT, ENDPOINT, root))
                .orElseGet(() -> D1Statement.of(CLEAR_ENDPOINT)));
        statements.add(
                buckets.isEmpty()
                        ? D1Statement.of(CLEAR_BUCKETS)
                        : D1Statement.of(UPSERT, BUCKETS, bucketsJson(buckets)));
        statements.addAll(ticket.statements());
        account.call(api -> api.d1().batch(account.accountId(), database, statements));
    }

    /** The keypair the project's Worker uses, if one is configured. */
    Optional<S3Keypair> read(ConnectedAccount account, ProjectLink project) {
        return keypair(rows(account, project));
    }

    /**
     * The keypair the project's Worker uses when it has no {@code R2_BUCKETS} row (stored before Flarelink wrote
     * one); empty when there is no keypair or the row is there.
     */
    Optional<S3Keypair> readWithoutBuckets(ConnectedAccount account, ProjectLink project) {
        Map<String, @Nullable Object> values = rows(account, project);
        return values.get(BUCKETS) != null ? Optional.empty() : keypair(values);
    }

    /**
     * Adds {@code R2_BUCKETS} for the key {@code accessKeyId}, without a reload ticket: a redeploy writes it before the
     * new Worker is uploaded, and a Worker before 0.6.0 ignores it.
     *
     * @return whether the row was written: not when it exists already or the project's key is another one now
     */
    boolean addBuckets(ConnectedAccount account, ProjectLink project, String accessKeyId, List<ReachedBucket> buckets) {
        String database = database(project);
        D1Statement add = D1Statement.of(ADD_BUCKETS, BUCKETS, bucketsJson(buckets), accessKeyId);
        List<D1QueryResult> results = account.call(api -> api.d1().batch(account.accountId(), database, List.of(add)));
        return results.stream()
                .map(D1QueryResult::meta)
                .anyMatch(meta -> meta != null && meta.changes() != null && meta.changes() > 0);
    }

    private Map<String, @Nullable Object> rows(ConnectedAccount account, ProjectLink project) {
        String database = database(project);
        List<D1QueryResult> results = account.call(api -> api.d1().query(account.accountId(), database, READ));
        Map<String, @Nullable Object> values = new HashMap<>();
        results.forEach(result ->
                result.results().forEach(row -> values.put(String.valueOf(row.get("key")), row.get("value"))));
        return values;
    }

    private static Optional<S3Keypair> keypair(Map<String, @Nullable Object> values) {
        Object id = values.get(ACCESS_KEY);
        Object secret = values.get(SECRET);
        if (id == null || secret == null) {
            return Optional.empty();
        }
        return Optional.of(new S3Keypair(id.toString(), secret.toString()));
    }

    /** Removes the keypair rows, but only while they still hold this access key id (a newer key stays). */
    boolean clearIfCurrent(ConnectedAccount account, ProjectLink project, String accessKeyId, ReloadTicket ticket) {
        Optional<S3Keypair> current = read(account, project);
        if (current.isEmpty() || !current.get().accessKeyId().equals(accessKeyId)) {
            return false;
        }
        String database = database(project);
        List<D1Statement> statements = new ArrayList<>();
        statements.add(D1Statement.of(CLEAR));
        statements.addAll(ticket.statements());
        account.call(api -> api.d1().batch(account.accountId(), database, statements));
        return true;
    }

    /** {@code [{"name":"shop-files","createdAt":"2026-12-06T04:00:00.000Z"}, …]}; an unknown date is "". */
    private static String bucketsJson(List<ReachedBucket> buckets) {
        List<Map<String, String>> entries = buckets.stream()
                .map(b -> {
                    Map<String, String> entry = new LinkedHashMap<>();
                    entry.put("name", b.name());
                    entry.put("createdAt", b.createdAt() == null ? "" : CREATED.format(b.createdAt()));
                    return entry;
                })
                .toList();
        return JSON.writeValueAsString(entries);
    }

    private static String database(ProjectLink project) {
        if (project.d1DatabaseId() == null) {
            throw new FilesProblemException(
                    "project", "Project " + project.name() + " has no D1 database yet: finish its provisioning first.");
        }
        return project.d1DatabaseId();
    }
}
