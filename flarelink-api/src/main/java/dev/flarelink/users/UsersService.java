package dev.flarelink.users;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.d1.D1QueryResult;
import dev.flarelink.cloudflare.d1.D1Statement;
import dev.flarelink.cloudflare.errors.CloudflareException;
import dev.flarelink.cloudflare.errors.NotFoundException;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.connect.ConnectionRevokedException;
import dev.flarelink.connect.ConnectionService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Authentication → Users: the app users of a project, listed, shown and managed in the project's own D1 and KV through
 * the owner's token. Every project is reached through its owner and every user through the project (another owner's
 * or a missing one: {@link UsersNotFoundException}). SQL binds every value; identifiers are fixed or quoted. Actions
 * go to the Activity log with the project and the user's id only, never an e-mail address.
 */
@Service
public class UsersService {

    static final int EVENTS_SHOWN = 50;
    static final int MAX_REASON = 500;
    static final int MAX_NAME = 200;
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 128;
    private static final int MAX_USER_ID = 200;
    private static final Pattern EMAIL_SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final char[] ID_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    /** Above every character: the exclusive upper bound of a prefix range (SQLite compares text as UTF-8 bytes). */
    private static final String TOP = new String(Character.toChars(Character.MAX_CODE_POINT));

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final String LAST_SIGN_IN = "(SELECT e.\"at\" FROM \"flarelink_auth_event\" e WHERE e.\"userId\" = "
            + "u.\"id\" AND e.\"type\" = 'sign_in' ORDER BY e.\"at\" DESC LIMIT 1)";
    private static final String PROVIDERS =
            "(SELECT group_concat(DISTINCT a.\"providerId\") FROM \"account\" a WHERE a.\"userId\" = u.\"id\")";
    private static final String EMAIL_CONFIG = "SELECT \"key\" AS k, CASE WHEN \"key\" = 'RESEND_API_KEY' THEN NULL "
            + "ELSE \"value\" END AS v FROM \"flarelink_config\" WHERE \"key\" IN ('EMAIL_PROVIDER', 'EMAIL_FROM', "
            + "'RESEND_API_KEY') AND length(trim(\"value\")) > 0";

    private final AuthProjects projects;
    private final ConnectionService connections;
    private final ActivityService activity;
    private final WorkerLinks links;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    UsersService(
            AuthProjects projects,
            ConnectionService connections,
            ActivityService activity,
            WorkerLinks links,
            Clock clock) {
        this.projects = projects;
        this.connections = connections;
        this.activity = activity;
        this.links = links;
        this.clock = clock;
    }

    /** The owner's project, for pages that show only its name and Worker version. */
    public AuthProject project(UUID owner, UUID projectId) {
        return projects.owned(owner, projectId);
    }

    /**
     * The owner's project whose D1 database this is, so that the table grid of a user table can point at the Users
     * page; empty for a database no project of the owner uses.
     */
    public java.util.Optional<UUID> projectOfDatabase(UUID owner, UUID connectionId, String databaseId) {
        return projects.projectOfDatabase(owner, connectionId, databaseId);
    }

    /** One page of users in one D1 call, with an estimate of the total (or the exact count, when asked). */
    public UsersPage list(UUID owner, UUID projectId, UsersQuery query) {
        AuthProject project = projects.owned(owner, projectId);
        List<D1QueryResult> results = batch(owner, project, listStatements(query));
        List<Map<String, @Nullable Object>> rows = results.get(0).results();
        List<UserSummary> users = rows.subList(0, Math.min(rows.size(), query.pageSize())).stream()
                .map(UsersService::summary)
                .toList();
        String next = nextCursor(query, rows);
        long n = number(results.get(1).results().get(0).get("n"));
        return new UsersPage(project, query, users, next, query.exactCount() ? null : n, query.exactCount() ? n : null);
    }

    /** The page's statement and the count's (estimate or exact), sent together in one D1 call. */
    static List<D1Statement> listStatements(UsersQuery query) {
        List<@Nullable Object> params = new ArrayList<>();
        List<String> where = conditions(query, params);
        String[] cursor = query.cursorParts();
        if (cursor.length == 2) {
            where.add("(u.\"createdAt\", u.\"id\") < (?, ?)");
            params.add(cursor[0]);
            params.add(cursor[1]);
        } else if (cursor.length == 1) {
            where.add("u.\"email\" > ?");
            params.add(cursor[0]);
        }
        String order = query.order() == UsersQuery.Order.NEWEST
                ? " ORDER BY u.\"createdAt\" DESC, u.\"id\" DESC"
                : " ORDER BY u.\"email\" ASC";
        params.add(query.pageSize() + 1);
        D1Statement page = new D1Statement(
                "SELECT u.\"id\" AS id, u.\"email\" AS email, u.\"name\" AS name, u.\"emailVerified\" AS verified, "
                        + "u.\"banned\" AS banned, u.\"createdAt\" AS createdAt, " + LAST_SIGN_IN + " AS lastSignIn, "
                        + PROVIDERS + " AS providers FROM \"user\" u" + whereClause(where) + order + " LIMIT ?",
                params);
        D1Statement count;
        if (query.exactCount()) {
            List<@Nullable Object> countParams = new ArrayList<>();
            count = new D1Statement(
                    "SELECT count(*) AS n FROM \"user\" u" + whereClause(conditions(query, countParams)), countParams);
        } else {
            // Two b-tree seeks on the rowid, no scan: exact while users are only added, an overestimate after deletes.
            count = D1Statement.of("SELECT coalesce((SELECT max(rowid) FROM \"user\") - (SELECT min(rowid) FROM "
                    + "\"user\") + 1, 0) AS n");
        }
        return List.of(page, count);
    }

    /** The cursor after the last user of a page of {@link #listStatements}, or null when there is no next page. */
    static @Nullable String nextCursor(UsersQuery query, List<Map<String, @Nullable Object>> rows) {
        if (rows.size() <= query.pageSize()) {
            return null;
        }
        Map<String, @Nullable Object> last = rows.get(query.pageSize() - 1);
        return UsersQuery.cursor(
                query.order(), text(last.get("createdAt")), text(last.get("id")), text(last.get("email")));
    }

    private static List<String> conditions(UsersQuery query, List<@Nullable Object> params) {
        List<String> where = new ArrayList<>();
        switch (query.filter()) {
            case VERIFIED -> where.add("u.\"emailVerified\" = 1");
            case UNVERIFIED -> where.add("u.\"emailVerified\" = 0");
            case BANNED -> where.add("u.\"banned\" = 1");
            case ALL -> {}
        }
        String search = query.search();
        if (search != null) {
            // Prefix ranges on the e-mail and name indexes (never LIKE '%x%'); e-mails are stored lower-case.
            where.add("u.rowid IN (SELECT rowid FROM \"user\" WHERE \"email\" >= ? AND \"email\" < ? "
                    + "UNION SELECT rowid FROM \"user\" WHERE \"name\" >= ? AND \"name\" < ?)");
            String email = search.toLowerCase(Locale.ROOT);
            params.add(email);
            params.add(email + TOP);
            params.add(search);
            params.add(search + TOP);
        }
        return where;
    }

    private static String whereClause(List<String> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static UserSummary summary(Map<String, @Nullable Object> row) {
        String providers = text(row.get("providers"));
        return new UserSummary(
                text(row.get("id")),
                text(row.get("email")),
                text(row.get("name")),
                number(row.get("verified")) != 0,
                number(row.get("banned")) != 0,
                text(row.get("createdAt")),
                nullableText(row.get("lastSignIn")),
                providers.isEmpty()
                        ? List.of()
                        : Arrays.stream(providers.split(",")).sorted().toList());
    }

    /**
     * A user's page: profile, linked accounts and recent events in one D1 call, then the sessions from KV.
     *
     * @param eventType show only events of this type (one of {@link UserDetail#EVENT_TYPES}), or null for all
     */
    public UserDetail user(UUID owner, UUID projectId, String userId, @Nullable String eventType) {
        AuthProject project = projects.owned(owner, projectId);
        checkUserId(userId);
        String type = eventType == null || eventType.isBlank() ? null : eventType.strip();
        if (type != null && !UserDetail.EVENT_TYPES.contains(type)) {
            throw new UserInputException(
                    "type", "Choose one of " + String.join(", ", UserDetail.EVENT_TYPES) + " as the event type.");
        }
        D1Statement events = type == null
                ? D1Statement.of(
                        "SELECT \"at\", \"type\", \"ip\", \"userAgent\" FROM \"flarelink_auth_event\" WHERE \"userId\" = ?"
                                + " ORDER BY \"at\" DESC, \"id\" DESC LIMIT " + EVENTS_SHOWN,
                        userId)
                : D1Statement.of(
                        "SELECT \"at\", \"type\", \"ip\", \"userAgent\" FROM \"flarelink_auth_event\" WHERE \"userId\" = ?"
                                + " AND \"type\" = ? ORDER BY \"at\" DESC, \"id\" DESC LIMIT " + EVENTS_SHOWN,
                        userId,
                        type);
        List<D1QueryResult> results = batch(
                owner,
                project,
                List.of(
                        userRow(userId),
                        D1Statement.of(
                                "SELECT \"providerId\", \"createdAt\", \"updatedAt\" FROM \"account\" WHERE \"userId\" = ?"
                                        + " ORDER BY \"createdAt\"",
                                userId),
                        events,
                        D1Statement.of(EMAIL_CONFIG)));
        Map<String, @Nullable Object> row = single(results.get(0));
        List<UserDetail.LinkedAccount> accounts = results.get(1).results().stream()
                .map(r -> new UserDetail.LinkedAccount(
                        text(r.get("providerId")), text(r.get("createdAt")), text(r.get("updatedAt"))))
                .toList();
        List<UserDetail.AuthEvent> timeline = results.get(2).results().stream()
                .map(r -> new UserDetail.AuthEvent(
                        text(r.get("at")),
                        text(r.get("type")),
                        nullableText(r.get("ip")),
                        nullableText(r.get("userAgent"))))
                .toList();
        List<UserDetail.SessionView> sessions = List.of();
        String sessionsNote = null;
        if (project.kvNamespaceId() == null) {
            sessionsNote = "The project has no KV namespace, so there are no sessions to show.";
        } else {
            String namespace = project.kvNamespaceId();
            sessions = kv(
                    owner,
                    project,
                    api -> KvSessions.sessions(
                            api,
                            project.accountId(),
                            namespace,
                            KvSessions.tokens(api, project.accountId(), namespace, userId),
                            clock.instant()));
        }
        return new UserDetail(
                project,
                text(row.get("id")),
                text(row.get("email")),
                text(row.get("name")),
                number(row.get("emailVerified")) != 0,
                nullableText(row.get("image")),
                text(row.get("createdAt")),
                text(row.get("updatedAt")),
                number(row.get("banned")) != 0,
                nullableText(row.get("banReason")),
                nullableText(row.get("banExpires")),
                accounts,
                sessions,
                sessionsNote,
                timeline,
                type,
                emailUnavailable(results.get(3)));
    }

    /**
     * Removes all of the user's sessions from KV (and better-auth's session index); every edge sees it within KV's
     * propagation (about 60 seconds).
     *
     * @return how many sessions the index listed
     */
    public int signOutEverywhere(UUID owner, UUID projectId, String userId) {
        AuthProject project = projects.owned(owner, projectId);
        checkUserId(userId);
        single(batch(owner, project, List.of(userRow(userId))).get(0));
        int removed = signOut(owner, project, userId);
        record(project, "app_user.signed_out_everywhere", "user " + userId + ": " + removed + " session(s) removed");
        return removed;
    }

    /**
     * Bans the user (until {@code until}, or until unbanned) and signs them out everywhere. A Worker older than 0.4.0
     * does not refuse banned users: {@link AuthProject#enforcesBans()} says so.
     *
     * @throws UserInputException when the reason is too long or the end date is not in the future (nothing changes)
     */
    public int ban(UUID owner, UUID projectId, String userId, String reason, @Nullable LocalDate until) {
        AuthProject project = projects.owned(owner, projectId);
        checkUserId(userId);
        String why = reason.strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (why.length() > MAX_REASON) {
            errors.put("reason", "Keep the reason under " + MAX_REASON + " characters.");
        }
        Instant now = clock.instant();
        String expires = null;
        if (until != null) {
            Instant end = until.atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!end.isAfter(now)) {
                errors.put("until", "Choose an end date after today, or leave it empty to ban until unbanned.");
            }
            expires = ISO_MILLIS.format(end);
        }
        if (!errors.isEmpty()) {
            throw new UserInputException(errors);
        }
        changed(batch(
                        owner,
                        project,
                        List.of(D1Statement.of(
                                "UPDATE \"user\" SET \"banned\" = 1, \"banReason\" = ?, \"banExpires\" = ?, "
                                        + "\"updatedAt\" = ? WHERE \"id\" = ?",
                                why.isEmpty() ? null : why,
                                expires,
                                ISO_MILLIS.format(now),
                                userId)))
                .get(0));
        int removed = signOut(owner, project, userId);
        record(
                project,
                "app_user.banned",
                "user " + userId + (expires == null ? " banned until unbanned" : " banned until " + expires) + "; "
                        + removed + " session(s) removed");
        return removed;
    }

    /** Lifts the user's ban: they can sign in again. */
    public void unban(UUID owner, UUID projectId, String userId) {
        AuthProject project = projects.owned(owner, projectId);
        checkUserId(userId);
        changed(batch(
                        owner,
                        project,
                        List.of(D1Statement.of(
                                "UPDATE \"user\" SET \"banned\" = 0, \"banReason\" = NULL, \"banExpires\" = NULL, "
                                        + "\"updatedAt\" = ? WHERE \"id\" = ?",
                                ISO_MILLIS.format(clock.instant()),
                                userId)))
                .get(0));
        record(project, "app_user.unbanned", "user " + userId + " unbanned");
    }

    /** What deleting the user would remove, counted; changes nothing. */
    public DeletePreview previewDelete(UUID owner, UUID projectId, String userId) {
        AuthProject project = projects.owned(owner, projectId);
        checkUserId(userId);
        return preview(owner, project, userId);
    }

    private DeletePreview preview(UUID owner, AuthProject project, String userId) {
        List<D1QueryResult> first = batch(
                owner,
                project,
                List.of(
                        userRow(userId),
                        D1Statement.of("SELECT m.\"name\" AS tbl, f.\"from\" AS col, f.\"to\" AS ref, f.\"on_delete\" "
                                + "AS on_delete FROM sqlite_master m JOIN pragma_foreign_key_list(m.\"name\") f "
                                + "WHERE m.\"type\" = 'table' AND f.\"table\" = 'user' COLLATE NOCASE "
                                + "ORDER BY m.\"name\", f.\"id\", f.\"seq\"")));
        Map<String, @Nullable Object> user = single(first.get(0));
        String email = text(user.get("email"));
        List<String[]> references = new ArrayList<>();
        List<D1Statement> counts = new ArrayList<>();
        for (Map<String, @Nullable Object> fk : first.get(1).results()) {
            String table = text(fk.get("tbl"));
            String column = text(fk.get("col"));
            String ref = nullableText(fk.get("ref"));
            // A reference to the e-mail column counts by e-mail; to the id (or the primary key, ref NULL) by id.
            Object key = ref != null && ref.equalsIgnoreCase("email") ? email : userId;
            references.add(
                    new String[] {table, column, text(fk.get("on_delete")).toUpperCase(Locale.ROOT)});
            counts.add(D1Statement.of(
                    "SELECT count(*) AS n FROM " + quote(table) + " WHERE " + quote(column) + " = ?", key));
        }
        counts.add(D1Statement.of("SELECT count(*) AS n FROM \"verification\" WHERE \"identifier\" = ?", email));
        List<D1QueryResult> counted = batch(owner, project, counts);
        List<DeletePreview.Reference> out = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            String[] r = references.get(i);
            DeletePreview.Reference reference = new DeletePreview.Reference(
                    r[0], r[1], r[2], number(counted.get(i).results().get(0).get("n")));
            out.add(reference);
            if (reference.blocks()) {
                blocked.add(reference.rows() + " row(s) of " + r[0] + " reference this user with ON DELETE " + r[2]
                        + ": delete or reassign them first.");
            }
        }
        long verifications =
                number(counted.get(references.size()).results().get(0).get("n"));
        int sessions = project.kvNamespaceId() == null
                ? 0
                : kv(
                        owner,
                        project,
                        api -> KvSessions.tokens(api, project.accountId(), project.kvNamespaceId(), userId)
                                .size());
        return new DeletePreview(userId, email, out, verifications, sessions, blocked);
    }

    /**
     * Deletes the user: their rows in the app's tables through ON DELETE CASCADE, their verification rows, tickets
     * and auth events (one D1 batch), then their sessions in KV. Nothing of another user changes.
     *
     * @return the preview taken just before, which is what was removed
     * @throws UsersProblemException when rows with ON DELETE RESTRICT / NO ACTION would block it (nothing changes)
     */
    public DeletePreview delete(UUID owner, UUID projectId, String userId) {
        AuthProject project = projects.owned(owner, projectId);
        checkUserId(userId);
        DeletePreview preview = preview(owner, project, userId);
        if (!preview.blocked().isEmpty()) {
            throw new UsersProblemException(String.join(" ", preview.blocked()) + " Nothing was deleted.");
        }
        List<D1QueryResult> results = batch(
                owner,
                project,
                List.of(
                        D1Statement.of("DELETE FROM \"verification\" WHERE \"identifier\" = ?", preview.email()),
                        D1Statement.of("DELETE FROM \"flarelink_ticket\" WHERE \"subject\" = ?", userId),
                        D1Statement.of("DELETE FROM \"flarelink_auth_event\" WHERE \"userId\" = ?", userId),
                        D1Statement.of("DELETE FROM \"user\" WHERE \"id\" = ?", userId)));
        changed(results.get(3));
        int sessions = signOut(owner, project, userId);
        record(
                project,
                "app_user.deleted",
                "user " + userId + " deleted with " + preview.cascadedRows() + " cascaded row(s), "
                        + preview.verifications() + " verification row(s) and " + sessions + " session(s)");
        return preview;
    }

    /** Has the Worker mail the user a link to verify their e-mail address (a one-time ticket; 10 minutes). */
    public LinkOutcome sendVerification(UUID owner, UUID projectId, String userId) {
        return sendLink(owner, projectId, userId, WorkerLinks.Purpose.VERIFICATION);
    }

    /** Has the Worker mail the user a link to choose a new password (a one-time ticket; 10 minutes). */
    public LinkOutcome sendReset(UUID owner, UUID projectId, String userId) {
        return sendLink(owner, projectId, userId, WorkerLinks.Purpose.RESET);
    }

    private LinkOutcome sendLink(UUID owner, UUID projectId, String userId, WorkerLinks.Purpose purpose) {
        AuthProject project = projects.owned(owner, projectId);
        checkUserId(userId);
        List<D1QueryResult> read = batch(owner, project, List.of(userRow(userId), D1Statement.of(EMAIL_CONFIG)));
        Map<String, @Nullable Object> user = single(read.get(0));
        String unavailable = emailUnavailable(read.get(1));
        if (unavailable != null) {
            throw new UsersProblemException(unavailable);
        }
        if (purpose == WorkerLinks.Purpose.VERIFICATION && number(user.get("emailVerified")) != 0) {
            throw new UsersProblemException("This user's e-mail address is already verified; nothing was sent.");
        }
        return ticketAndPing(owner, project, userId, purpose);
    }

    private LinkOutcome ticketAndPing(UUID owner, AuthProject project, String userId, WorkerLinks.Purpose purpose) {
        WorkerLinks.Ticket ticket = links.issue();
        batch(owner, project, ticketStatements(ticket, purpose, userId));
        LinkOutcome outcome = links.send(project.workersDevUrl(), purpose, ticket);
        activity.recordAction(ActivityEntry.action(
                project.userId(),
                purpose == WorkerLinks.Purpose.VERIFICATION ? "app_user.verification_link" : "app_user.reset_link",
                project.connectionId(),
                project.id(),
                outcome.status() == LinkOutcome.Status.FAILED ? "failed" : "ok",
                "user " + userId + ": " + outcome.message()));
        return outcome;
    }

    private List<D1Statement> ticketStatements(WorkerLinks.Ticket ticket, WorkerLinks.Purpose purpose, String userId) {
        return List.of(
                D1Statement.of(
                        "DELETE FROM \"flarelink_ticket\" WHERE \"expiresAt\" < ?",
                        clock.instant().toEpochMilli()),
                D1Statement.of(
                        "INSERT INTO \"flarelink_ticket\" (\"hash\", \"purpose\", \"subject\", \"expiresAt\") VALUES "
                                + "(?, ?, ?, ?)",
                        ticket.hash(),
                        purpose.value,
                        userId,
                        ticket.expiresAt().toEpochMilli()));
    }

    /** Why links cannot be sent (no e-mail provider configured), or null when they can. */
    public @Nullable String emailUnavailable(UUID owner, UUID projectId) {
        AuthProject project = projects.owned(owner, projectId);
        return emailUnavailable(
                batch(owner, project, List.of(D1Statement.of(EMAIL_CONFIG))).get(0));
    }

    private static @Nullable String emailUnavailable(D1QueryResult config) {
        Map<String, String> values = new LinkedHashMap<>();
        config.results().forEach(r -> values.put(text(r.get("k")), text(r.get("v"))));
        String provider = values.getOrDefault("EMAIL_PROVIDER", "").strip().toLowerCase(Locale.ROOT);
        boolean from = !values.getOrDefault("EMAIL_FROM", "").isBlank();
        boolean ready = from
                && (provider.equals("cloudflare")
                        || (provider.equals("resend") && values.containsKey("RESEND_API_KEY")));
        return ready
                ? null
                : "No e-mail provider is configured for this project's Worker (EMAIL_PROVIDER and EMAIL_FROM in "
                        + "flarelink_config), so it cannot send links.";
    }

    /**
     * Creates a user who signs in with e-mail and password: with the password given, with one Flarelink generates
     * (returned once), or without one and an invitation to choose it (e-mail configured). One D1 batch that writes
     * nothing when the e-mail address is taken.
     *
     * @throws UserInputException for a malformed or taken e-mail address, a name or password out of bounds
     */
    public CreatedUser create(UUID owner, UUID projectId, CreateUserCommand command) {
        AuthProject project = projects.owned(owner, projectId);
        String email = command.email().strip().toLowerCase(Locale.ROOT);
        String name = command.name().strip();
        String typed = command.invite()
                        || command.password() == null
                        || command.password().isEmpty()
                ? null
                : command.password();
        Map<String, String> errors = new LinkedHashMap<>();
        if (email.length() > 254 || !EMAIL_SHAPE.matcher(email).matches()) {
            errors.put("email", "Enter an e-mail address like name@example.com.");
        }
        if (name.length() > MAX_NAME) {
            errors.put("name", "Keep the name under " + MAX_NAME + " characters.");
        }
        if (typed != null && (typed.length() < MIN_PASSWORD || typed.length() > MAX_PASSWORD)) {
            errors.put(
                    "password",
                    "Use " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters, or leave it empty to have one "
                            + "generated.");
        }
        if (!errors.isEmpty()) {
            throw new UserInputException(errors);
        }
        if (command.invite()) {
            String unavailable = emailUnavailable(owner, projectId);
            if (unavailable != null) {
                throw new UserInputException("invite", unavailable + " Set a temporary password instead.");
            }
        }
        String generated = !command.invite() && typed == null ? WorkerPasswords.generate(random) : null;
        String password = typed != null ? typed : generated;
        String id = randomId(32);
        String now = ISO_MILLIS.format(clock.instant());
        List<D1Statement> statements = new ArrayList<>();
        statements.add(D1Statement.of(
                "INSERT INTO \"user\" (\"id\", \"name\", \"email\", \"emailVerified\", \"createdAt\", \"updatedAt\") "
                        + "SELECT ?, ?, ?, 0, ?, ? WHERE NOT EXISTS (SELECT 1 FROM \"user\" WHERE \"email\" = ?)",
                id,
                name,
                email,
                now,
                now,
                email));
        if (password != null) {
            statements.add(D1Statement.of(
                    "INSERT INTO \"account\" (\"id\", \"accountId\", \"providerId\", \"userId\", \"password\", "
                            + "\"createdAt\", \"updatedAt\") SELECT ?, ?, 'credential', ?, ?, ?, ? WHERE EXISTS "
                            + "(SELECT 1 FROM \"user\" WHERE \"id\" = ?)",
                    randomId(32),
                    id,
                    id,
                    WorkerPasswords.hash(password, random),
                    now,
                    now,
                    id));
        }
        List<D1QueryResult> results = batch(owner, project, statements);
        if (changes(results.get(0)) == 0) {
            throw new UserInputException("email", "A user with this e-mail address already exists.");
        }
        record(project, "app_user.created", "user " + id + (command.invite() ? " invited" : " created"));
        LinkOutcome invitation = command.invite() ? ticketAndPing(owner, project, id, WorkerLinks.Purpose.RESET) : null;
        return new CreatedUser(id, generated, invitation);
    }

    private String randomId(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return new String(out);
    }

    private int signOut(UUID owner, AuthProject project, String userId) {
        String namespace = project.kvNamespaceId();
        if (namespace == null) {
            return 0;
        }
        return kv(owner, project, api -> KvSessions.signOutEverywhere(api, project.accountId(), namespace, userId));
    }

    private static D1Statement userRow(String userId) {
        return D1Statement.of(
                "SELECT \"id\", \"name\", \"email\", \"emailVerified\", \"image\", \"createdAt\", \"updatedAt\", "
                        + "\"banned\", \"banReason\", \"banExpires\" FROM \"user\" WHERE \"id\" = ?",
                userId);
    }

    private static void checkUserId(String userId) {
        if (userId.isEmpty() || userId.length() > MAX_USER_ID) {
            throw UsersNotFoundException.user();
        }
    }

    private static Map<String, @Nullable Object> single(D1QueryResult result) {
        if (result.results().isEmpty()) {
            throw UsersNotFoundException.user();
        }
        return result.results().get(0);
    }

    private static void changed(D1QueryResult result) {
        if (changes(result) == 0) {
            throw UsersNotFoundException.user();
        }
    }

    private static long changes(D1QueryResult result) {
        return result.meta() == null || result.meta().changes() == null
                ? 0
                : result.meta().changes();
    }

    private List<D1QueryResult> batch(UUID owner, AuthProject project, List<D1Statement> statements) {
        return call(owner, project, api -> api.d1().batch(project.accountId(), project.databaseId(), statements));
    }

    private <T> T kv(UUID owner, AuthProject project, Function<CloudflareApi, T> work) {
        return call(owner, project, work);
    }

    private <T> T call(UUID owner, AuthProject project, Function<CloudflareApi, T> work) {
        ConnectedAccount account = connections.open(owner, project.connectionId(), project.id());
        try {
            return account.call(work);
        } catch (NotFoundException gone) {
            throw new UsersProblemException("Cloudflare no longer has this project's database or KV namespace. "
                    + "Check the project's page: it may need a Redeploy.");
        } catch (ConnectionRevokedException revoked) {
            throw new UsersProblemException(
                    "The connection's Cloudflare token was revoked or has expired. Replace it on the connection's page.");
        } catch (CloudflareException failed) {
            String text = String.valueOf(failed.getMessage()).toLowerCase(Locale.ROOT);
            if (text.contains("no such column") || text.contains("no such table")) {
                throw new UsersProblemException("This project's database predates the Users page (migration 0002). "
                        + "Redeploy the project to apply it, then come back.");
            }
            throw new UsersProblemException("Cloudflare did not complete the request ("
                    + failed.getClass().getSimpleName() + "). Check that "
                    + "the token has D1: Edit and Workers KV Storage: Edit, then try again. Nothing else was changed.");
        }
    }

    private void record(AuthProject project, String action, String detail) {
        activity.recordAction(
                ActivityEntry.action(project.userId(), action, project.connectionId(), project.id(), "ok", detail));
    }

    /** An SQLite identifier in double quotes, inner quotes doubled: table names come from the schema, never bound. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }

    private static @Nullable String nullableText(@Nullable Object value) {
        return value == null ? null : value.toString();
    }

    private static long number(@Nullable Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException notANumber) {
                return 0;
            }
        }
        return 0;
    }
}
