package dev.flarelink.connect;

import dev.flarelink.activity.ActivityActor;
import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.ApiCallListener;
import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.accounts.Account;
import dev.flarelink.cloudflare.errors.AuthenticationException;
import dev.flarelink.cloudflare.tokens.TokenStatus;
import dev.flarelink.cloudflare.tokens.TokenVerification;
import dev.flarelink.crypto.AssociatedData;
import dev.flarelink.crypto.TokenCipher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Connects a user's Cloudflare account and is the one door to it afterwards ({@link #open}). The token is decrypted
 * only to make calls and exists in plaintext nowhere else.
 *
 * <p>No method holds a database connection while it waits for Cloudflare: the calls come first, then each change is
 * one statement.
 */
@Service
public class ConnectionService {

    static final String PURPOSE = "cloudflare-token";

    private final ConnectionRepository connections;
    private final CloudflareClient cloudflare;
    private final TokenCipher cipher;
    private final ActivityService activity;
    private final ConnectionRevocations revocations;
    private final Clock clock;
    private final JdbcClient jdbc;

    ConnectionService(
            ConnectionRepository connections,
            CloudflareClient cloudflare,
            TokenCipher cipher,
            ActivityService activity,
            ConnectionRevocations revocations,
            Clock clock,
            JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.revocations = revocations;
        this.connections = connections;
        this.cloudflare = cloudflare;
        this.cipher = cipher;
        this.activity = activity;
        this.clock = clock;
    }

    /**
     * Verifies a pasted token, probes the five permissions and stores the token encrypted.
     *
     * @throws ConnectProblemException when the token is malformed, rejected, sees no account, or lacks a required
     *     permission (nothing is stored)
     * @throws ConnectionExistsException when this user already connected that account
     */
    public ConnectResult connect(UUID userId, ConnectCommand command) {
        String token = TokenShape.check(command.token());
        CloudflareApi api = cloudflare.withToken(ApiToken.of(token), listener(userId, null));
        TokenVerification verification = TokenInspection.verify(api);
        List<Account> accounts = TokenInspection.accounts(api);
        Account account = TokenInspection.choose(accounts, command.accountId());
        if (account == null) {
            return ConnectResult.chooseAmong(accounts);
        }
        PermissionReceipt receipt = TokenInspection.requireRequired(api, account.id());
        Connection connection =
                new Connection(UUID.randomUUID(), userId, account.id(), account.name(), clock.instant());
        connection.storeToken(
                encrypt(token, userId, connection.getId()), verification.id(), TokenShape.fingerprint(token));
        connection.recordReceipt(receipt, clock.instant());
        try {
            connections.insert(connection);
        } catch (DuplicateKeyException connected) {
            // One connection per user and account (a unique key): already connected, maybe in another tab meanwhile.
            throw new ConnectionExistsException(
                    connections
                            .findByUserIdAndAccountId(userId, account.id())
                            .orElseThrow(() -> connected)
                            .getId(),
                    account.name());
        }
        record(connection, "connection.connected", "account " + account.name() + "; granted: " + describe(receipt));
        return ConnectResult.connected(connection.toView());
    }

    /**
     * Swaps the token of a connection for a new one that reaches the same Cloudflare account; the connection is
     * active again afterwards.
     *
     * @throws ConnectProblemException when the new token is malformed, rejected, reaches another account or lacks a
     *     required permission (the old token stays)
     */
    public ConnectionView replaceToken(UUID userId, UUID connectionId, ReplaceTokenCommand command) {
        Connection connection = owned(userId, connectionId);
        String token = TokenShape.check(command.token());
        CloudflareApi api = cloudflare.withToken(ApiToken.of(token), listener(userId, connectionId));
        TokenVerification verification = TokenInspection.verify(api);
        if (TokenInspection.accounts(api).stream().noneMatch(a -> a.id().equals(connection.getAccountId()))) {
            throw new ConnectProblemException("This token cannot reach the account \"" + connection.getAccountName()
                    + "\" of this connection. Create the new token in that account, or connect the other account "
                    + "as a new connection. Nothing was changed.");
        }
        PermissionReceipt receipt = TokenInspection.requireRequired(api, connection.getAccountId());
        // A fresh encryption: new nonce, same binding to user, connection and purpose.
        connection.storeToken(encrypt(token, userId, connectionId), verification.id(), TokenShape.fingerprint(token));
        connection.recordReceipt(receipt, clock.instant());
        if (!connections.updateToken(connection)) {
            throw ConnectionNotFoundException.forId(connectionId); // disconnected while Cloudflare was asked
        }
        record(connection, "connection.token_replaced", "granted: " + describe(receipt));
        return connection.toView();
    }

    /**
     * Re-verifies the token and probes the five permissions again; a token Cloudflare rejects marks the connection
     * revoked (or expired), a token accepted again makes it active. A token replaced while the check ran keeps what
     * its own check found; the page then shows the connection as it now is.
     */
    public ConnectionView checkAgain(UUID userId, UUID connectionId) {
        Connection connection = owned(userId, connectionId);
        CloudflareApi api = apiFor(connection, null);
        String status = statusOf(api);
        if (!"active".equals(status)) {
            boolean wasActive = "active".equals(connection.getStatus());
            connection.markRevoked(status);
            connection.markChecked(clock.instant());
            if (!connections.updateCheck(connection)) {
                return get(userId, connectionId);
            }
            if (wasActive) {
                record(connection, "connection.revoked", "Cloudflare rejected the token (" + status + ")");
            }
            return connection.toView();
        }
        PermissionReceipt receipt = PermissionProbe.probe(api, connection.getAccountId());
        connection.markRevoked("active");
        connection.recordReceipt(receipt, clock.instant());
        if (!connections.updateCheck(connection)) {
            return get(userId, connectionId);
        }
        record(connection, "connection.checked", "granted: " + describe(receipt));
        return connection.toView();
    }

    /** Deletes the connection and its ciphertext. What it created in Cloudflare keeps running. */
    @Transactional
    public void disconnect(UUID userId, UUID connectionId) {
        Connection connection = owned(userId, connectionId);
        connections.delete(connection);
        record(
                connection,
                "connection.disconnected",
                "account " + connection.getAccountName() + "; the token stays valid in Cloudflare until deleted there");
    }

    public List<ConnectionView> connectionsOf(UUID userId) {
        return connections.findByUserIdOrderByCreatedAt(userId).stream()
                .map(Connection::toView)
                .toList();
    }

    public ConnectionView get(UUID userId, UUID connectionId) {
        return owned(userId, connectionId).toView();
    }

    /**
     * One small query for every signed-in page: is there a connection, and is one no longer accepted. Plain JDBC on
     * an auto-commit connection: a transaction around it cost more than the query (issue 24).
     */
    public ConnectionHealth healthOf(UUID userId) {
        List<ConnectionStatus> rows = jdbc.sql(
                        "select id, status from cloudflare_connection where user_id = :user order by created_at")
                .param("user", userId)
                .query((rs, n) -> new ConnectionStatus(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
        UUID revoked = rows.stream()
                .filter(row -> !"active".equals(row.status()))
                .map(ConnectionStatus::id)
                .findFirst()
                .orElse(null);
        return new ConnectionHealth(rows.size(), revoked);
    }

    private record ConnectionStatus(UUID id, String status) {}

    /**
     * Opens the user's connection for Cloudflare calls on behalf of {@code projectId} (may be null); every call is
     * recorded in the Activity log under that user, connection and project.
     *
     * <p>Every page that calls Cloudflare opens its connection first: one row read, without a transaction around it
     * (issue 24).
     *
     * @throws ConnectionNotFoundException when the connection is not the user's
     * @throws ConnectionRevokedException when the connection is already known to be revoked or expired
     */
    public ConnectedAccount open(UUID userId, UUID connectionId, @Nullable UUID projectId) {
        Connection connection = owned(userId, connectionId);
        if (!"active".equals(connection.getStatus())) {
            throw new ConnectionRevokedException(connectionId);
        }
        return new ConnectedAccount(
                connectionId,
                connection.getAccountId(),
                apiFor(connection, projectId),
                id -> revocations.markRevoked(userId, id, "revoked"));
    }

    /** The background check: verifies one connection's token and marks it when Cloudflare rejects it. */
    String reverify(UUID userId, UUID connectionId) {
        Connection connection = owned(userId, connectionId);
        String status = statusOf(apiFor(connection, null));
        if (!"active".equals(status)) {
            revocations.markRevoked(userId, connectionId, status);
        }
        return status;
    }

    private Connection owned(UUID userId, UUID connectionId) {
        return connections
                .findByIdAndUserId(connectionId, userId)
                .orElseThrow(() -> ConnectionNotFoundException.forId(connectionId));
    }

    private CloudflareApi apiFor(Connection connection, @Nullable UUID projectId) {
        UUID userId = connection.getUserId();
        UUID connectionId = connection.getId();
        byte[] plaintext = cipher.decrypt(connection.getTokenCiphertext(), associatedData(userId, connectionId));
        ApiToken token = ApiToken.of(new String(plaintext, StandardCharsets.UTF_8));
        Arrays.fill(plaintext, (byte) 0);
        return cloudflare.withToken(token, activity.listenerFor(new ActivityActor(userId, connectionId, projectId)));
    }

    private ApiCallListener listener(UUID userId, @Nullable UUID connectionId) {
        return activity.listenerFor(new ActivityActor(userId, connectionId, null));
    }

    // "active", or the status the connection takes when Cloudflare no longer accepts the token.
    private static String statusOf(CloudflareApi api) {
        try {
            TokenVerification verification = api.tokens().verify();
            if (verification.isActive()) {
                return "active";
            }
            return verification.status() == TokenStatus.EXPIRED ? "expired" : "revoked";
        } catch (AuthenticationException rejected) {
            return "revoked";
        }
    }

    private void record(Connection connection, String action, String detail) {
        String outcome = action.equals("connection.revoked") ? "failed" : "ok";
        activity.recordAction(
                ActivityEntry.action(connection.getUserId(), action, connection.getId(), null, outcome, detail));
    }

    private String encrypt(String token, UUID userId, UUID connectionId) {
        return cipher.encrypt(token.getBytes(StandardCharsets.UTF_8), associatedData(userId, connectionId));
    }

    // Binds the ciphertext to its owner, its row and its purpose: copied to another row or user, it fails to decrypt.
    static AssociatedData associatedData(UUID userId, UUID connectionId) {
        return AssociatedData.of(PURPOSE, "user", userId.toString(), "connection", connectionId.toString());
    }

    private static String describe(PermissionReceipt receipt) {
        return receipt.granted().stream().map(Permission::label).sorted().collect(Collectors.joining(", "));
    }
}
