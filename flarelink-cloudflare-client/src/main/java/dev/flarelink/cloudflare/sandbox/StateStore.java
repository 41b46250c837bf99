package dev.flarelink.cloudflare.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Where the sandbox keeps its files. With a data directory: {@code state.json} holds the small parts (accounts,
 * tokens, zones, Workers, domains, D1 and KV and bucket metadata, multipart uploads) and is rewritten, atomically,
 * only when they change; {@code state.sqlite} holds the large and growing parts (KV entries, R2 object metadata,
 * the audit log, the Outbox), written row by row in one transaction per call. One SQLite file per D1 database lives
 * under {@code d1/} and R2 object bytes under {@code r2/}. Without a data directory it uses a temporary directory,
 * writes neither state file, and deletes the directory on close. Callers hold the sandbox lock.
 */
final class StateStore {

    static final String STATE_FILE = "state.json";
    static final String DATA_FILE = "state.sqlite";
    /** Marks, inside the migrating transaction, that an old state.json's data was copied into state.sqlite. */
    private static final String MIGRATED = "migrated-from-state-json";

    private final Path root;
    private final boolean persistent;
    private @Nullable Connection db;
    /** The fingerprint of the state.json last written, to skip a rewrite when the small parts did not change. */
    private byte @Nullable [] lastFingerprint;
    /** KV namespaces and buckets as of the last commit, as "account/id": rows of one that disappears are deleted. */
    private Set<String> liveNamespaces = new HashSet<>();

    private Set<String> liveBuckets = new HashSet<>();
    private final List<SandboxState.AuditRecord> pendingAudit = new ArrayList<>();
    private final List<SandboxState.OutboxMessage> pendingOutbox = new ArrayList<>();

    StateStore(Path root, boolean persistent) {
        this.root = root;
        this.persistent = persistent;
    }

    static StateStore open(@Nullable Path dataDirectory) {
        try {
            if (dataDirectory == null) {
                return new StateStore(Files.createTempDirectory("cloudflare-sandbox"), false);
            }
            Files.createDirectories(dataDirectory);
            return new StateStore(dataDirectory, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean hasSavedState() {
        return Files.exists(stateFile());
    }

    /**
     * Reads the saved state. An old-format {@code state.json} that still holds KV entries, objects, the audit log or
     * the Outbox has them moved into {@code state.sqlite} first (one transaction, then state.json is rewritten
     * without them; a crash in between repeats the move harmlessly on the next start). A leftover
     * {@code state.json.tmp} from an interrupted write is ignored: only the renamed file counts.
     */
    SandboxState load() {
        if (!persistent) {
            return new SandboxState();
        }
        SandboxState state;
        try {
            state = hasSavedState()
                    ? Json.MAPPER.readValue(Files.readAllBytes(stateFile()), SandboxState.class)
                    : new SandboxState();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Connection connection = connection();
            if (holdsLegacyData(state)) {
                migrate(connection, state);
            }
            readData(connection, state);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the sandbox's " + DATA_FILE, e);
        }
        writeSmall(state);
        rememberContainers(state);
        return state;
    }

    /** Queues an audit record for the next {@link #commit}. */
    void recorded(SandboxState.AuditRecord record) {
        if (persistent) {
            pendingAudit.add(record);
        }
    }

    /** Queues a captured email for the next {@link #commit}. */
    void captured(SandboxState.OutboxMessage message) {
        if (persistent) {
            pendingOutbox.add(message);
        }
    }

    /**
     * Makes one call's changes durable: the KV entries and objects it put or removed, its audit record and captured
     * email, in one SQLite transaction; then, when {@code smallMayChange} and the small parts differ from what is on
     * disk, {@code state.json}. Rows of a namespace or bucket that disappeared go in the same transaction.
     */
    void commit(SandboxState state, boolean smallMayChange) {
        Map<String, Set<String>> kvChanges = new HashMap<>();
        Map<String, Set<String>> objectChanges = new HashMap<>();
        drain(state, kvChanges, objectChanges);
        if (!persistent) {
            return;
        }
        boolean small = smallMayChange && !Arrays.equals(fingerprint(state), lastFingerprint);
        boolean nothing =
                kvChanges.isEmpty() && objectChanges.isEmpty() && pendingAudit.isEmpty() && pendingOutbox.isEmpty();
        if (nothing && !small) {
            return;
        }
        try {
            inTransaction(connection(), connection -> {
                writeKv(connection, state, kvChanges);
                writeObjects(connection, state, objectChanges);
                appendAudit(connection);
                appendOutbox(connection);
                if (small) {
                    dropRemovedContainers(connection, state);
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the sandbox's " + DATA_FILE, e);
        }
        if (small) {
            writeSmall(state);
        }
    }

    /** A call that may have changed anything: {@link #commit} comparing the small parts too. */
    void save(SandboxState state) {
        commit(state, true);
    }

    Path root() {
        return root;
    }

    Path d1File(String uuid) {
        return directory("d1").resolve(uuid + ".sqlite");
    }

    Path objectFile(String accountId, String bucket, String fileName) {
        return directory("r2").resolve(accountId).resolve(bucket).resolve(fileName);
    }

    /** Deletes D1 files, R2 objects and the rows of state.sqlite (used by reset), keeping the directory itself. */
    void wipeData() {
        deleteTree(root.resolve("d1"));
        deleteTree(root.resolve("r2"));
        pendingAudit.clear();
        pendingOutbox.clear();
        lastFingerprint = null;
        liveNamespaces = new HashSet<>();
        liveBuckets = new HashSet<>();
        if (db != null) {
            try (Statement s = db.createStatement()) {
                s.executeUpdate("DELETE FROM kv");
                s.executeUpdate("DELETE FROM r2_object");
                s.executeUpdate("DELETE FROM audit");
                s.executeUpdate("DELETE FROM outbox");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot wipe the sandbox's " + DATA_FILE, e);
            }
        }
    }

    void close() {
        if (db != null) {
            try {
                db.close(); // the last connection's close checkpoints the WAL into the database file
            } catch (SQLException e) {
                // the data is already committed; a failed close leaves a WAL that the next open replays
            }
            db = null;
        }
        if (!persistent) {
            deleteTree(root);
        }
    }

    // ---- state.json ----

    /**
     * The small parts as JSON with every byte array (a Worker's modules) written as its identity and length: cheap to
     * compute on every call, and it changes whenever state.json would, because an upload replaces the arrays (and
     * changes the script's etag and time).
     */
    private static byte[] fingerprint(SandboxState state) {
        return FINGERPRINT.writeValueAsBytes(state);
    }

    private static final ObjectWriter FINGERPRINT = Json.MAPPER
            .rebuild()
            .addModule(new SimpleModule().addSerializer(byte[].class, new ValueSerializer<byte[]>() {
                @Override
                public void serialize(byte[] value, JsonGenerator generator, SerializationContext context) {
                    generator.writeString(System.identityHashCode(value) + ":" + value.length);
                }
            }))
            .build()
            .writer();

    private void writeSmall(SandboxState state) {
        try {
            byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(state);
            byte[] fingerprint = fingerprint(state);
            Path temp = root.resolve(STATE_FILE + ".tmp");
            Files.write(temp, bytes);
            Files.move(temp, stateFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            lastFingerprint = fingerprint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path stateFile() {
        return root.resolve(STATE_FILE);
    }

    // ---- state.sqlite ----

    /**
     * WAL with {@code synchronous=NORMAL}: a commit appends to the WAL without an fsync, so a call costs a small
     * append. A killed process loses nothing committed (the WAL is in the OS's hands); a power cut may lose the last
     * calls but never corrupts the file. FULL would add an fsync per call, milliseconds on many disks, for a local
     * emulator whose state.json was never fsynced either.
     */
    private Connection connection() throws SQLException {
        if (db != null) {
            return db;
        }
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + root.resolve(DATA_FILE));
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = NORMAL");
            s.execute("CREATE TABLE IF NOT EXISTS kv (account TEXT NOT NULL, namespace TEXT NOT NULL,"
                    + " key TEXT NOT NULL, value BLOB NOT NULL, expiration INTEGER, metadata TEXT,"
                    + " PRIMARY KEY (account, namespace, key)) WITHOUT ROWID");
            s.execute("CREATE TABLE IF NOT EXISTS r2_object (account TEXT NOT NULL, bucket TEXT NOT NULL,"
                    + " key TEXT NOT NULL, object TEXT NOT NULL, PRIMARY KEY (account, bucket, key)) WITHOUT ROWID");
            s.execute("CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY, record TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY, message TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
        }
        db = connection;
        return connection;
    }

    private static boolean holdsLegacyData(SandboxState state) {
        if (!state.audit.isEmpty() || !state.outbox.isEmpty()) {
            return true;
        }
        for (SandboxState.Account account : state.accounts.values()) {
            for (SandboxState.Namespace namespace : account.namespaces.values()) {
                if (!namespace.entries.isEmpty()) {
                    return true;
                }
            }
            for (SandboxState.Bucket bucket : account.buckets.values()) {
                if (!bucket.objects.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    private void migrate(Connection db, SandboxState state) throws SQLException {
        inTransaction(db, connection -> {
            boolean done;
            try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM meta WHERE name = ?")) {
                ps.setString(1, MIGRATED);
                try (ResultSet rs = ps.executeQuery()) {
                    done = rs.next();
                }
            }
            if (!done) {
                for (SandboxState.Account account : state.accounts.values()) {
                    for (SandboxState.Namespace namespace : account.namespaces.values()) {
                        for (Map.Entry<String, SandboxState.KvEntry> entry : namespace.entries.entrySet()) {
                            upsertKv(connection, account.id, namespace.id, entry.getKey(), entry.getValue());
                        }
                    }
                    for (SandboxState.Bucket bucket : account.buckets.values()) {
                        for (SandboxState.R2Object object : bucket.objects.values()) {
                            upsertObject(connection, account.id, bucket.name, object);
                        }
                    }
                }
                pendingAudit.addAll(state.audit);
                pendingOutbox.addAll(state.outbox);
                appendAudit(connection);
                appendOutbox(connection);
                try (PreparedStatement ps = connection.prepareStatement("INSERT INTO meta VALUES (?, ?)")) {
                    ps.setString(1, MIGRATED);
                    ps.setString(2, String.valueOf(System.currentTimeMillis()));
                    ps.executeUpdate();
                }
            }
        });
    }

    /**
     * Runs {@code work} in one SQLite transaction, rolled back if it fails; the audit records and captured e-mails
     * waiting for it are dropped either way (a failed call's records are not kept, as before).
     */
    private void inTransaction(Connection connection, SqlWork work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            work.run(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
            pendingAudit.clear();
            pendingOutbox.clear();
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection connection) throws SQLException;
    }

    /** Fills the in-memory maps and lists from state.sqlite; rows of a namespace or bucket no longer known go. */
    private static void readData(Connection connection, SandboxState state) throws SQLException {
        Map<String, TrackedMap<String, SandboxState.KvEntry>> namespaces = new HashMap<>();
        Map<String, TrackedMap<String, SandboxState.R2Object>> buckets = new HashMap<>();
        for (SandboxState.Account account : state.accounts.values()) {
            for (SandboxState.Namespace namespace : account.namespaces.values()) {
                TrackedMap<String, SandboxState.KvEntry> entries = new TrackedMap<>();
                namespace.entries = entries;
                namespaces.put(account.id + "/" + namespace.id, entries);
            }
            for (SandboxState.Bucket bucket : account.buckets.values()) {
                TrackedMap<String, SandboxState.R2Object> objects = new TrackedMap<>();
                bucket.objects = objects;
                buckets.put(account.id + "/" + bucket.name, objects);
            }
        }
        Set<String> orphans = new HashSet<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT account, namespace, key, value, expiration, metadata FROM kv")) {
            while (rs.next()) {
                String container = rs.getString(1) + "/" + rs.getString(2);
                TrackedMap<String, SandboxState.KvEntry> entries = namespaces.get(container);
                if (entries == null) {
                    orphans.add("kv/" + container);
                    continue;
                }
                SandboxState.KvEntry entry = new SandboxState.KvEntry();
                entry.value = rs.getBytes(4);
                long expiration = rs.getLong(5);
                entry.expiration = rs.wasNull() ? null : expiration;
                String metadata = rs.getString(6);
                entry.metadata = metadata == null ? null : Json.MAPPER.readTree(metadata);
                entries.load(rs.getString(3), entry);
            }
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT account, bucket, object FROM r2_object")) {
            while (rs.next()) {
                String container = rs.getString(1) + "/" + rs.getString(2);
                TrackedMap<String, SandboxState.R2Object> objects = buckets.get(container);
                if (objects == null) {
                    orphans.add("r2_object/" + container);
                    continue;
                }
                SandboxState.R2Object object = Json.MAPPER.readValue(rs.getString(3), SandboxState.R2Object.class);
                objects.load(object.key, object);
            }
        }
        for (String orphan : orphans) {
            String[] parts = orphan.split("/", 3);
            deleteContainer(connection, parts[0], parts[1], parts[2]);
        }
        state.audit = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT record FROM audit ORDER BY seq")) {
            while (rs.next()) {
                state.audit.add(Json.MAPPER.readValue(rs.getString(1), SandboxState.AuditRecord.class));
            }
        }
        state.outbox = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT message FROM outbox ORDER BY seq")) {
            while (rs.next()) {
                state.outbox.add(Json.MAPPER.readValue(rs.getString(1), SandboxState.OutboxMessage.class));
            }
        }
    }

    /** Takes every namespace's and bucket's changed keys (also without a data directory, so the sets stay empty). */
    private static void drain(
            SandboxState state, Map<String, Set<String>> kvChanges, Map<String, Set<String>> objectChanges) {
        for (SandboxState.Account account : state.accounts.values()) {
            for (SandboxState.Namespace namespace : account.namespaces.values()) {
                Set<String> changed = changes(namespace.entries);
                if (!changed.isEmpty()) {
                    kvChanges.put(account.id + "/" + namespace.id, changed);
                }
            }
            for (SandboxState.Bucket bucket : account.buckets.values()) {
                Set<String> changed = changes(bucket.objects);
                if (!changed.isEmpty()) {
                    objectChanges.put(account.id + "/" + bucket.name, changed);
                }
            }
        }
    }

    private static Set<String> changes(Map<String, ?> map) {
        if (map instanceof TrackedMap<String, ?> tracked) {
            return tracked.drainChanges();
        }
        throw new IllegalStateException("a KV namespace or bucket lost its tracked map; changes would not persist");
    }

    private static void writeKv(Connection connection, SandboxState state, Map<String, Set<String>> changes)
            throws SQLException {
        for (Map.Entry<String, Set<String>> change : changes.entrySet()) {
            String[] ids = change.getKey().split("/", 2);
            SandboxState.Namespace namespace =
                    state.accounts.get(ids[0]).namespaces.get(ids[1]);
            for (String key : change.getValue()) {
                SandboxState.KvEntry entry = namespace.entries.get(key);
                if (entry == null) {
                    deleteRow(connection, "DELETE FROM kv WHERE account = ? AND namespace = ? AND key = ?", ids, key);
                } else {
                    upsertKv(connection, ids[0], ids[1], key, entry);
                }
            }
        }
    }

    /** Deletes one entry of a namespace or bucket: {@code ids} is its account and container, as the change keys. */
    private static void deleteRow(Connection connection, String delete, String[] ids, String key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(delete)) {
            ps.setString(1, ids[0]);
            ps.setString(2, ids[1]);
            ps.setString(3, key);
            ps.executeUpdate();
        }
    }

    private static void upsertKv(
            Connection connection, String account, String namespace, String key, SandboxState.KvEntry entry)
            throws SQLException {
        try (PreparedStatement ps =
                connection.prepareStatement("INSERT OR REPLACE INTO kv VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, account);
            ps.setString(2, namespace);
            ps.setString(3, key);
            ps.setBytes(4, entry.value);
            if (entry.expiration == null) {
                ps.setNull(5, java.sql.Types.INTEGER);
            } else {
                ps.setLong(5, entry.expiration);
            }
            ps.setString(6, entry.metadata == null ? null : Json.MAPPER.writeValueAsString(entry.metadata));
            ps.executeUpdate();
        }
    }

    private static void writeObjects(Connection connection, SandboxState state, Map<String, Set<String>> changes)
            throws SQLException {
        for (Map.Entry<String, Set<String>> change : changes.entrySet()) {
            String[] ids = change.getKey().split("/", 2);
            SandboxState.Bucket bucket = state.accounts.get(ids[0]).buckets.get(ids[1]);
            for (String key : change.getValue()) {
                SandboxState.R2Object object = bucket.objects.get(key);
                if (object == null) {
                    deleteRow(
                            connection, "DELETE FROM r2_object WHERE account = ? AND bucket = ? AND key = ?", ids, key);
                } else {
                    upsertObject(connection, ids[0], ids[1], object);
                }
            }
        }
    }

    private static void upsertObject(Connection connection, String account, String bucket, SandboxState.R2Object object)
            throws SQLException {
        try (PreparedStatement ps =
                connection.prepareStatement("INSERT OR REPLACE INTO r2_object VALUES (?, ?, ?, ?)")) {
            ps.setString(1, account);
            ps.setString(2, bucket);
            ps.setString(3, object.key);
            ps.setString(4, Json.MAPPER.writeValueAsString(object));
            ps.executeUpdate();
        }
    }

    private void appendAudit(Connection connection) throws SQLException {
        append(connection, "audit", pendingAudit, AuditLog.MAX_RECORDS);
    }

    private void appendOutbox(Connection connection) throws SQLException {
        append(connection, "outbox", pendingOutbox, OutboxRoutes.MAX_MESSAGES);
    }

    /** Appends rows and drops the oldest beyond the cap, as the in-memory list does. */
    private static void append(Connection connection, String table, List<?> rows, int cap) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + table + " VALUES (NULL, ?)")) {
            for (Object row : rows) {
                ps.setString(1, Json.MAPPER.writeValueAsString(row));
                ps.executeUpdate();
            }
        }
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM " + table + " WHERE seq <= (SELECT max(seq) FROM " + table + ") - " + cap);
        }
    }

    private void dropRemovedContainers(Connection connection, SandboxState state) throws SQLException {
        Set<String> namespaces = new HashSet<>();
        Set<String> buckets = new HashSet<>();
        containers(state, namespaces, buckets);
        for (String gone : liveNamespaces) {
            if (!namespaces.contains(gone)) {
                String[] ids = gone.split("/", 2);
                deleteContainer(connection, "kv", ids[0], ids[1]);
            }
        }
        for (String gone : liveBuckets) {
            if (!buckets.contains(gone)) {
                String[] ids = gone.split("/", 2);
                deleteContainer(connection, "r2_object", ids[0], ids[1]);
            }
        }
        liveNamespaces = namespaces;
        liveBuckets = buckets;
    }

    private void rememberContainers(SandboxState state) {
        liveNamespaces = new HashSet<>();
        liveBuckets = new HashSet<>();
        containers(state, liveNamespaces, liveBuckets);
    }

    private static void containers(SandboxState state, Set<String> namespaces, Set<String> buckets) {
        for (SandboxState.Account account : state.accounts.values()) {
            account.namespaces.keySet().forEach(id -> namespaces.add(account.id + "/" + id));
            account.buckets.keySet().forEach(name -> buckets.add(account.id + "/" + name));
        }
    }

    private static void deleteContainer(Connection connection, String table, String account, String container)
            throws SQLException {
        String column = table.equals("kv") ? "namespace" : "bucket";
        try (PreparedStatement ps =
                connection.prepareStatement("DELETE FROM " + table + " WHERE account = ? AND " + column + " = ?")) {
            ps.setString(1, account);
            ps.setString(2, container);
            ps.executeUpdate();
        }
    }

    // ---- files ----

    private Path directory(String name) {
        try {
            return Files.createDirectories(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
