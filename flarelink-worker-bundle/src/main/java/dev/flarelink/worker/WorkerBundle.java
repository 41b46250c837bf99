package dev.flarelink.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built auth Worker and everything needed to deploy it: script bytes, version, SHA-256, D1 migrations,
 * compatibility settings and bindings, all read from {@code dev/flarelink/worker/} on the classpath.
 */
public final class WorkerBundle {

    /** Classpath folder the Maven build copies {@code dist/worker.mjs} and the migrations into. */
    public static final String RESOURCE_ROOT = "/dev/flarelink/worker/";

    /** A row of HASHES.md: {@code | 0.3.0 | 2026-12-06 | 837009 | `e12c…` |}. */
    private static final Pattern HASH_ROW =
            Pattern.compile("^\\|\\s*(\\d+\\.\\d+\\.\\d+)\\s*\\|.*`([0-9a-f]{64})`", Pattern.MULTILINE);

    private final byte[] script;
    private final String sha256;
    private final String version;
    private final String mainModule;
    private final String compatibilityDate;
    private final List<String> compatibilityFlags;
    private final List<Binding> bindings;
    private final List<Binding> optionalBindings;
    private final List<Migration> migrations;
    private final String migrationsTableSql;
    private final Map<String, String> published;

    private WorkerBundle(Properties props) {
        this.mainModule = required(props, "mainModule");
        this.script = read(mainModule);
        this.sha256 = sha256Hex(script);
        this.version = required(props, "version");
        this.compatibilityDate = required(props, "compatibilityDate");
        this.compatibilityFlags = list(props, "compatibilityFlags");
        this.bindings = list(props, "bindings").stream().map(Binding::parse).toList();
        this.optionalBindings =
                list(props, "optionalBindings").stream().map(Binding::parse).toList();
        this.migrations = list(props, "migrations").stream()
                .map(name -> new Migration(name, text("migrations/" + name)))
                .toList();
        this.migrationsTableSql = text("d1_migrations.sql");
        this.published = publishedHashes(text("HASHES.md"));
    }

    /** Loads the bundle from the classpath; fails if the module was built without its Worker resources. */
    public static WorkerBundle load() {
        Properties props = new Properties();
        try {
            props.load(new StringReader(text("bundle.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WorkerBundle(props);
    }

    /** The Worker's main module, exactly the bytes of {@code dist/worker.mjs}; a fresh copy on every call. */
    public byte[] script() {
        return script.clone();
    }

    /** The Worker version, also reported by the deployed Worker at {@code GET /__flarelink}. */
    public String version() {
        return version;
    }

    /** Lower-case hex SHA-256 of {@link #script()}, computed from the bytes (compare with HASHES.md). */
    public String sha256() {
        return sha256;
    }

    /** File name of the main module in the upload, e.g. {@code worker.mjs}. */
    public String mainModule() {
        return mainModule;
    }

    /** Compatibility date to upload the script with; the JS tests run with the same one. */
    public String compatibilityDate() {
        return compatibilityDate;
    }

    /** Compatibility flags to upload the script with ({@code nodejs_compat}: better-auth needs Node built-ins). */
    public List<String> compatibilityFlags() {
        return compatibilityFlags;
    }

    /** Bindings the Worker cannot run without: {@code DB} (d1) and {@code SESSIONS} (kv_namespace). */
    public List<Binding> bindings() {
        return bindings;
    }

    /** Bindings used only when configured: {@code EMAIL} (send_email) for Cloudflare email sending. */
    public List<Binding> optionalBindings() {
        return optionalBindings;
    }

    /** D1 migrations in the order they must be applied. */
    public List<Migration> migrations() {
        return migrations;
    }

    /** The {@code CREATE TABLE IF NOT EXISTS d1_migrations} statement wrangler uses; run it before migrating. */
    public String migrationsTableSql() {
        return migrationsTableSql;
    }

    /** Every released version and its SHA-256, oldest first, as HASHES.md lists them (this version included). */
    public Map<String, String> publishedVersions() {
        return published;
    }

    /** The released version whose bundle has this SHA-256, e.g. an older Worker a project still runs. */
    public Optional<String> publishedVersionOf(String sha256) {
        return published.entrySet().stream()
                .filter(e -> e.getValue().equals(sha256))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    @Override
    public String toString() {
        return "WorkerBundle[version=" + version + ", sha256=" + sha256 + ", migrations=" + migrations.size() + "]";
    }

    private static String required(Properties props, String key) {
        String value = props.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("bundle.properties has no " + key);
        }
        return value.trim();
    }

    private static List<String> list(Properties props, String key) {
        return Arrays.stream(props.getProperty(key, "").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static Map<String, String> publishedHashes(String hashesMd) {
        Map<String, String> versions = new LinkedHashMap<>();
        Matcher row = HASH_ROW.matcher(hashesMd);
        while (row.find()) {
            versions.put(row.group(1), row.group(2));
        }
        return Collections.unmodifiableMap(versions);
    }

    private static String text(String name) {
        return new String(read(name), StandardCharsets.UTF_8);
    }

    private static byte[] read(String name) {
        try (InputStream in = WorkerBundle.class.getResourceAsStream(RESOURCE_ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + RESOURCE_ROOT + name
                        + " is missing; build flarelink-worker-bundle with Maven so it copies the Worker");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
