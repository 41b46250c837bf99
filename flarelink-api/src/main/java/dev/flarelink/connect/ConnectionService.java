package dev.flarelink.connect;

import dev.flarelink.activity.ActivityActor;
import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.accounts.Account;
import dev.flarelink.cloudflare.errors.AuthenticationException;
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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Connects a user's Cloudflare account and is the one door to it afterwards ({@link #open}). The token is decrypted
 * only to make calls and exists in plaintext nowhere else.
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

    ConnectionService(
            ConnectionRepository connections,
            CloudflareClient cloudflare,
            TokenCipher cipher,
            ActivityService activity,
            ConnectionRevocations revocations,
            Clock clock) {
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
    @Transactional
    public ConnectResult connect(UUID userId, ConnectCommand command) {
        String token = TokenShape.check(command.token());
        CloudflareApi api =
                cloudflare.withToken(ApiToken.of(token), activity.listenerFor(new ActivityActor(userId, null, null)));
        TokenVerification verification = verify(api);
        List<Account> accounts = api.accounts().list().autoPager().stream().toList();
        if (accounts.isEmpty()) {
            throw new ConnectProblemException("The token works but cannot see any Cloudflare account. Edit it in "
                    + "Cloudflare and set Account Resources to include your account.");
        }
        Account account = choose(accounts, command.accountId());
        if (account == null) {
            return ConnectResult.chooseAmong(accounts);
        }
        PermissionReceipt receipt = PermissionProbe.probe(api, account.id());
        if (!receipt.missingRequired().isEmpty()) {
            throw ConnectProblemException.missingPermissions(receipt.missingRequired());
        }
        connections.findByUserIdAndAccountId(userId, account.id()).ifPresent(existing -> {
            throw new ConnectionExistsException(existing.getId(), account.name());
        });
        Connection connection =
                new Connection(UUID.randomUUID(), userId, account.id(), account.name(), clock.instant());
        connection.storeToken(
                encrypt(token, userId, connection.getId()), verification.id(), TokenShape.fingerprint(token));
        connection.recordReceipt(receipt, clock.instant());
        connections.save(connection);
        activity.recordAction(ActivityEntry.action(
                userId,
                "connection.connected",
                connection.getId(),
                null,
                "ok",
                "account " + account.name() + "; granted: " + describe(receipt)));
        return ConnectResult.connected(connection.toView());
    }

    @Transactional(readOnly = true)
    public List<ConnectionView> connectionsOf(UUID userId) {
        return connections.findByUserIdOrderByCreatedAt(userId).stream()
                .map(Connection::toView)
                .toList();
    }

    @Transactional(readOnly = true)
    public ConnectionView get(UUID userId, UUID connectionId) {
        return owned(userId, connectionId).toView();
    }

    /**
     * Opens the user's connection for Cloudflare calls on behalf of {@code projectId} (may be null); every call is
     * recorded in the Activity log under that user, connection and project.
     *
     * @throws ConnectionNotFoundException when the connection is not the user's
     * @throws ConnectionRevokedException when the connection is already known to be revoked or expired
     */
    @Transactional(readOnly = true)
    public ConnectedAccount open(UUID userId, UUID connectionId, @Nullable UUID projectId) {
        Connection connection = owned(userId, connectionId);
        if (!"active".equals(connection.getStatus())) {
            throw new ConnectionRevokedException(connectionId);
        }
        byte[] plaintext = cipher.decrypt(connection.getTokenCiphertext(), associatedData(userId, connectionId));
        ApiToken token = ApiToken.of(new String(plaintext, StandardCharsets.UTF_8));
        Arrays.fill(plaintext, (byte) 0);
        CloudflareApi api =
                cloudflare.withToken(token, activity.listenerFor(new ActivityActor(userId, connectionId, projectId)));
        return new ConnectedAccount(
                connectionId, connection.getAccountId(), api, id -> revocations.markRevoked(userId, id));
    }

    private Connection owned(UUID userId, UUID connectionId) {
        return connections
                .findByIdAndUserId(connectionId, userId)
                .orElseThrow(() -> ConnectionNotFoundException.forId(connectionId));
    }

    private String encrypt(String token, UUID userId, UUID connectionId) {
        return cipher.encrypt(token.getBytes(StandardCharsets.UTF_8), associatedData(userId, connectionId));
    }

    // Binds the ciphertext to its owner, its row and its purpose: copied to another row or user, it fails to decrypt.
    static AssociatedData associatedData(UUID userId, UUID connectionId) {
        return AssociatedData.of(PURPOSE, "user", userId.toString(), "connection", connectionId.toString());
    }

    private static TokenVerification verify(CloudflareApi api) {
        try {
            TokenVerification verification = api.tokens().verify();
            if (!verification.isActive()) {
                throw new ConnectProblemException("Cloudflare says this token is " + verification.status()
                        + ". Activate it, or create a new one, and paste it again.");
            }
            return verification;
        } catch (AuthenticationException rejected) {
            throw new ConnectProblemException("Cloudflare rejected this token: it is not valid, or it was revoked "
                    + "or has expired. Copy it again, or create a new one with the link on this page.");
        }
    }

    private static @Nullable Account choose(List<Account> accounts, @Nullable String accountId) {
        if (accountId == null || accountId.isBlank()) {
            return accounts.size() == 1 ? accounts.get(0) : null;
        }
        return accounts.stream()
                .filter(a -> a.id().equals(accountId))
                .findFirst()
                .orElseThrow(() -> new ConnectProblemException(
                        "The token cannot see the chosen account. Choose one of the accounts listed."));
    }

    private static String describe(PermissionReceipt receipt) {
        return receipt.granted().stream().map(Permission::label).sorted().collect(Collectors.joining(", "));
    }
}
