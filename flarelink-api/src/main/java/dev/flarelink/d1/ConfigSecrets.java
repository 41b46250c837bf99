package dev.flarelink.d1;

import dev.flarelink.cloudflare.d1.D1Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the secrets of the auth Worker's {@code flarelink_config} table (its auth secret, R2 secret key, mail API key
 * and whatever secret the Authentication settings add) off every page and export of the database editor: they are
 * written once and can be replaced (by the page that set them, or by SQL), never read back. A secret shows as
 * {@code set, ends …1a2b}.
 *
 * <p>The grid, row page and table export know which row holds what, and mask the {@code value} of a secret row. The
 * SQL console runs whatever it is given, so it masks by value instead: any text cell that holds a current secret, or
 * a piece of one of {@value #MIN_PIECE} characters or more.
 */
final class ConfigSecrets {

    static final String TABLE = "flarelink_config";
    static final int MIN_PIECE = 8;

    static final ConfigSecrets NONE = new ConfigSecrets(List.of());

    /** Databases known to have the table (D1 ids are unique across accounts); bounded, forgotten all at once. */
    private static final Set<String> WITH_TABLE = ConcurrentHashMap.newKeySet();

    private static final int MAX_REMEMBERED = 10_000;

    private final List<String> values;

    private ConfigSecrets(List<String> values) {
        this.values = values;
    }

    /** Whether a {@code flarelink_config} key names a secret. */
    static boolean isSecretKey(@Nullable Object key) {
        if (!(key instanceof String name)) {
            return false;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.contains("SECRET")
                || upper.contains("PASSWORD")
                || upper.contains("PRIVATE")
                || upper.endsWith("API_KEY")
                || upper.endsWith("TOKEN");
    }

    /** What is shown instead of a secret: that it is set and, when it is long enough to spare them, its last four. */
    static String mask(String secret) {
        return secret.length() >= 16 ? "set, ends …" + secret.substring(secret.length() - 4) : "set";
    }

    /** The row with the {@code value} of a secret {@code flarelink_config} row masked; other rows unchanged. */
    static Map<String, @Nullable Object> maskRow(String table, Map<String, @Nullable Object> row) {
        if (!TABLE.equalsIgnoreCase(table) || !isSecretKey(row.get("key")) || !(row.get("value") instanceof String)) {
            return row;
        }
        Map<String, @Nullable Object> masked = new HashMap<>(row);
        masked.put("value", mask((String) row.get("value")));
        return masked;
    }

    /** The current secret values of the database's {@code flarelink_config}, none when it has no such table. */
    static ConfigSecrets load(D1Session session) {
        List<String> secrets = new ArrayList<>();
        // Asked first, so that a database without the table does not log a failed D1 call on every console run; a
        // database once seen with the table is not asked again (if it was dropped since, the read below fails and
        // there is nothing to hide). Only presence is remembered, never a value, and a database without the table is
        // asked every time: it may have one by the next run.
        if (!WITH_TABLE.contains(session.databaseId())) {
            long tables = SchemaStatements.number(session.batch(List.of(D1Statement.of(
                            "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '" + TABLE + "'")))
                    .get(0)
                    .results()
                    .get(0)
                    .get("n"));
            if (tables == 0) {
                return NONE;
            }
            if (WITH_TABLE.size() >= MAX_REMEMBERED) {
                WITH_TABLE.clear();
            }
            WITH_TABLE.add(session.databaseId());
        }
        try {
            session.batch(List.of(D1Statement.of("SELECT key, value FROM " + TABLE)))
                    .get(0)
                    .results()
                    .forEach(row -> {
                        if (isSecretKey(row.get("key"))
                                && row.get("value") instanceof String value
                                && !value.isEmpty()) {
                            secrets.add(value);
                        }
                    });
        } catch (DatabaseProblemException noConfigTable) {
            // Not an auth Worker's database (any more): nothing to hide.
            WITH_TABLE.remove(session.databaseId());
        }
        return new ConfigSecrets(List.copyOf(secrets));
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** The value, or its mask when it holds a secret or a long enough piece of one. */
    @Nullable
    Object mask(@Nullable Object value) {
        if (!(value instanceof String text) || text.isEmpty()) {
            return value;
        }
        for (String secret : values) {
            if (text.contains(secret) || (text.length() >= MIN_PIECE && secret.contains(text))) {
                return mask(secret);
            }
        }
        return value;
    }
}
