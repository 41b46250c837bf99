package dev.flarelink.apikey;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists and revokes a user's API keys, and checks a presented key. Every read and write of a user's keys
 * filters by the owner; a presented key is found by its SHA-256 alone.
 */
@Service
@EnableConfigurationProperties(ApiKeyProperties.class)
public class ApiKeyService {

    /** The most keys one user may hold (revoked ones included): a runaway script cannot fill the table. */
    static final int MAX_KEYS = 1000;

    static final int MAX_NAME = 100;
    static final int MAX_EXPIRY_DAYS = 3650;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ActivityService activity;
    private final ApiKeyProperties properties;

    ApiKeyService(JdbcClient jdbc, Clock clock, ActivityService activity, ApiKeyProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.activity = activity;
        this.properties = properties;
    }

    /**
     * Makes a key and returns it, the only time it exists in full.
     *
     * @throws ApiKeyProblemException when the name, scope or expiry is not acceptable; nothing is stored then
     */
    @Transactional
    public CreatedApiKey create(UUID userId, CreateApiKeyCommand command) {
        String name = command.name() == null ? "" : command.name().strip();
        if (name.isEmpty()) {
            throw new ApiKeyProblemException("name", "Give the key a name that says where it is used, e.g. \"CI\".");
        }
        if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new ApiKeyProblemException(
                    "name", "Use at most " + MAX_NAME + " characters, without line breaks, for the name.");
        }
        ApiKeyScope scope = ApiKeyScope.parse(command.scope());
        if (scope == null) {
            throw new ApiKeyProblemException("scope", "Choose \"read_only\" or \"full\" as the key's scope.");
        }
        Integer days = command.expiresInDays();
        if (days != null && (days < 1 || days > MAX_EXPIRY_DAYS)) {
            throw new ApiKeyProblemException(
                    "expiresInDays",
                    "An expiry is between 1 and " + MAX_EXPIRY_DAYS + " days; leave it empty for no expiry.");
        }
        int held = jdbc.sql("select count(*) from api_key where user_id = :user")
                .param("user", userId)
                .query(Integer.class)
                .single();
        if (held >= MAX_KEYS) {
            throw new ApiKeyProblemException(
                    "name",
                    "You have " + MAX_KEYS + " keys, the most one account may hold. Revoke keys you no "
                            + "longer use before creating another.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expires = days == null ? null : now.plus(Duration.ofDays(days));
        String secret = ApiKeySecrets.generate();
        ApiKeyView view = new ApiKeyView(
                UUID.randomUUID(), name, ApiKeySecrets.shownPrefix(secret), scope, now, expires, null, null);
        jdbc.sql("""
                        insert into api_key (id, user_id, name, prefix, key_sha256, scope, created_at, expires_at)
                        values (:id, :user, :name, :prefix, :hash, :scope, :created, :expires)""")
                .param("id", view.id())
                .param("user", userId)
                .param("name", name)
                .param("prefix", view.prefix())
                .param("hash", ApiKeySecrets.sha256(secret))
                .param("scope", scope.stored())
                .param("created", Timestamp.from(now))
                .param("expires", expires == null ? null : Timestamp.from(expires))
                .update();
        activity.recordAction(ActivityEntry.action(
                userId,
                "api_key.create",
                null,
                null,
                "ok",
                "API key \"" + name + "\" (" + view.prefix() + "…), " + scope.stored()
                        + (expires == null ? ", no expiry" : ", expires " + expires)));
        return new CreatedApiKey(view, secret);
    }

    /** The user's keys, newest first. */
    public List<ApiKeyView> keysOf(UUID userId) {
        return jdbc.sql("select * from api_key where user_id = :user order by created_at desc, id")
                .param("user", userId)
                .query(ApiKeyService::view)
                .list();
    }

    /** One of the user's keys; another user's or a missing one is not found. */
    public ApiKeyView get(UUID userId, UUID keyId) {
        return jdbc.sql("select * from api_key where id = :id and user_id = :user")
                .param("id", keyId)
                .param("user", userId)
                .query(ApiKeyService::view)
                .optional()
                .orElseThrow(() -> ApiKeyNotFoundException.forId(keyId));
    }

    /** Revokes the key at once; revoking a revoked key changes nothing. */
    @Transactional
    public ApiKeyView revoke(UUID userId, UUID keyId) {
        ApiKeyView key = get(userId, keyId);
        if (key.revokedAt() != null) {
            return key;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("update api_key set revoked_at = :now where id = :id and user_id = :user and revoked_at is null")
                .param("now", Timestamp.from(now))
                .param("id", keyId)
                .param("user", userId)
                .update();
        activity.recordAction(ActivityEntry.action(
                userId, "api_key.revoke", null, null, "ok", "API key \"" + key.name() + "\" (" + key.prefix() + "…)"));
        return get(userId, keyId);
    }

    /**
     * The key {@code presented} stands for, when it is known, not revoked and not expired at this moment; empty for
     * anything else (the caller answers 401 without saying which).
     */
    public Optional<AuthenticatedKey> authenticate(@Nullable String presented) {
        if (presented == null || !ApiKeySecrets.wellFormed(presented)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbc.sql("""
                        select k.id, k.user_id, u.email, k.name, k.prefix, k.scope
                        from api_key k join user_account u on u.id = k.user_id
                        where k.key_sha256 = :hash and k.revoked_at is null
                          and (k.expires_at is null or k.expires_at > :now)""")
                .param("hash", ApiKeySecrets.sha256(presented))
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new AuthenticatedKey(
                        rs.getObject("id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        rs.getString("email"),
                        rs.getString("name"),
                        rs.getString("prefix"),
                        ApiKeyScope.parse(rs.getString("scope"))))
                .optional();
    }

    /**
     * Counts one request of the key in its current one-minute window and notes when it was last used, in one
     * statement (the row lock orders concurrent requests, on every node alike).
     */
    public RateDecision countRequest(UUID keyId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant window = now.truncatedTo(ChronoUnit.MINUTES);
        int used = jdbc.sql("""
                        update api_key set
                            window_count = case when window_start = :window then window_count + 1 else 1 end,
                            window_start = :window,
                            last_used_at = :now
                        where id = :id
                        returning window_count""")
                .param("window", Timestamp.from(window))
                .param("now", Timestamp.from(now))
                .param("id", keyId)
                .query(Integer.class)
                .optional()
                .orElse(Integer.MAX_VALUE);
        int limit = properties.requestsPerMinute();
        long retry = Math.max(
                1, Duration.between(now, window.plus(Duration.ofMinutes(1))).toSeconds());
        return new RateDecision(used <= limit, limit, used, retry);
    }

    /** The project the user's API calls use when a route names none, if one was chosen. */
    public Optional<UUID> activeProject(UUID userId) {
        return jdbc.sql("select active_project_id from api_preference where user_id = :user")
                .param("user", userId)
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, UUID.class)))
                .optional()
                .flatMap(p -> p);
    }

    /** Chooses the active project; the caller has checked that it is the user's. */
    public void chooseActiveProject(UUID userId, @Nullable UUID projectId) {
        jdbc.sql("""
                        insert into api_preference (user_id, active_project_id, updated_at) values (:user, :project, :now)
                        on conflict (user_id) do update set active_project_id = :project, updated_at = :now""")
                .param("user", userId)
                .param("project", projectId)
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    private static ApiKeyView view(ResultSet rs, int row) throws SQLException {
        return new ApiKeyView(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("prefix"),
                ApiKeyScope.parse(rs.getString("scope")),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("expires_at")),
                instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
