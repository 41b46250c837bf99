package dev.flarelink.d1;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.cloudflare.d1.D1QueryResult;
import dev.flarelink.cloudflare.d1.D1RawResult;
import dev.flarelink.cloudflare.d1.D1Statement;
import dev.flarelink.cloudflare.errors.CloudflareApiException;
import dev.flarelink.cloudflare.errors.NotFoundException;
import dev.flarelink.connect.ConnectedAccount;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** One database reached through the user's connection; D1 errors come out as plain sentences. */
final class D1Session {

    private final UUID userId;
    private final ConnectedAccount account;
    private final String databaseId;
    private final @Nullable UUID projectId;

    D1Session(UUID userId, ConnectedAccount account, String databaseId, @Nullable UUID projectId) {
        this.userId = userId;
        this.account = account;
        this.databaseId = databaseId;
        this.projectId = projectId;
    }

    /** The project this database belongs to, or null for a database Flarelink did not provision. */
    @Nullable
    UUID projectId() {
        return projectId;
    }

    /** An Activity action about this database (and one of its tables), carrying its project and ids. */
    ActivityEntry action(String action, String outcome, String detail, @Nullable String table) {
        return ActivityEntry.action(userId, action, connectionId(), projectId, outcome, detail)
                .withResources("database_id=" + databaseId + (table == null ? "" : ",table=" + table));
    }

    UUID userId() {
        return userId;
    }

    UUID connectionId() {
        return account.connectionId();
    }

    String databaseId() {
        return databaseId;
    }

    /** Runs the statements in one D1 round trip, atomically. */
    List<D1QueryResult> batch(List<D1Statement> statements) {
        return call(api -> api.d1().batch(account.accountId(), databaseId, statements));
    }

    List<D1RawResult> raw(String sql) {
        return call(api -> api.d1().raw(account.accountId(), databaseId, sql, List.<@Nullable Object>of()));
    }

    /** One script with bound parameters, in one round trip; rows come back as column-name maps. */
    List<D1QueryResult> query(String sql, List<@Nullable Object> params) {
        return call(api -> api.d1().query(account.accountId(), databaseId, sql, params));
    }

    String databaseName() {
        return call(api -> api.d1().get(account.accountId(), databaseId).name());
    }

    private <T> T call(Function<dev.flarelink.cloudflare.CloudflareApi, T> work) {
        try {
            return account.call(work);
        } catch (NotFoundException missing) {
            throw DatabaseNotFoundException.forDatabase(databaseId);
        } catch (CloudflareApiException refused) {
            throw D1ErrorTranslator.translate(refused);
        }
    }
}
