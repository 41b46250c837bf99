package dev.flarelink.config;

import dev.flarelink.account.web.SignedInUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Tells PostgreSQL, on every connection handed out, whose rows it may touch (V12's policies): in a signed-in user's
 * request, only that user's ({@code flarelink.user_id}); anywhere else — scheduled jobs, provisioning runs, sign-up
 * and sign-in, start-up — the app's own work ({@code flarelink.system}). A query that slips past a service's owner
 * check in a request then finds nothing of another user's, and cannot write for them.
 */
final class TenantDataSource extends DelegatingDataSource {

    private static final String SCOPE =
            "select set_config('flarelink.user_id', ?, false), set_config('flarelink.system', ?, false)";

    private static final ThreadLocal<Boolean> RESOLVING = ThreadLocal.withInitial(() -> false);

    /** Set while the session store works: its tables hold no tenant rows, so any scope will do. */
    private static final ThreadLocal<Boolean> SCOPE_FREE = ThreadLocal.withInitial(() -> false);

    /**
     * The scope each physical connection last committed, so a checkout for the same user skips the round trip (a
     * page checks out several connections, measured at a fifth of its statements). Weak keys: a connection the pool
     * closes drops out. Only a scope set with auto-commit on is remembered: set inside a transaction, a rollback
     * would undo it on the server and the remembered value would lie.
     */
    private final Map<Connection, String> committedScopes = Collections.synchronizedMap(new WeakHashMap<>());

    TenantDataSource(DataSource target) {
        super(target);
    }

    // Whose rows is decided before a pooled connection is taken: deciding may load the session (a connection of its
    // own), and holding one while waiting for another deadlocks the pool under load.
    @Override
    public Connection getConnection() throws SQLException {
        if (SCOPE_FREE.get()) {
            return super.getConnection();
        }
        UUID user = requestUser();
        return scoped(super.getConnection(), user);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        if (SCOPE_FREE.get()) {
            return super.getConnection(username, password);
        }
        UUID user = requestUser();
        return scoped(super.getConnection(username, password), user);
    }

    private Connection scoped(Connection connection, @Nullable UUID user) throws SQLException {
        String wanted = user == null ? "" : user.toString();
        try {
            Connection physical = physical(connection);
            if (physical != null && wanted.equals(committedScopes.get(physical))) {
                return connection;
            }
            try (PreparedStatement scope = connection.prepareStatement(SCOPE)) {
                scope.setString(1, wanted);
                scope.setString(2, user == null ? "on" : "off");
                scope.execute();
            }
            if (physical != null) {
                if (connection.getAutoCommit()) {
                    committedScopes.put(physical, wanted);
                } else {
                    committedScopes.remove(physical);
                }
            }
            return connection;
        } catch (SQLException | RuntimeException failed) {
            connection.close();
            throw failed;
        }
    }

    /**
     * Runs work on tables without tenant rows (Spring Session's) on connections in whatever scope they carry. Asking
     * for the request's user there would load the session from inside the session store's own read: a second read
     * of the same row, measured on every page.
     */
    static <T> T scopeFree(ScopeFreeWork<T> work) throws Throwable {
        if (SCOPE_FREE.get()) {
            return work.run();
        }
        SCOPE_FREE.set(true);
        try {
            return work.run();
        } finally {
            SCOPE_FREE.remove();
        }
    }

    @FunctionalInterface
    interface ScopeFreeWork<T> {
        T run() throws Throwable;
    }

    /** The driver's connection under the pool's per-checkout proxy, or null when there is none to tell apart. */
    private static @Nullable Connection physical(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(PGConnection.class)) {
            return null;
        }
        Connection physical = (Connection) connection.unwrap(PGConnection.class);
        return physical == connection ? null : physical;
    }

    /**
     * The signed-in user of the request this thread is serving, if any. Asking for it may load the security context
     * from the session store, which takes a connection of its own: that nested connection is the app's (the session
     * tables hold no tenant rows), and it must not ask again, or each level would hold a connection until the pool
     * runs dry.
     */
    static @Nullable UUID requestUser() {
        if (RequestContextHolder.getRequestAttributes() == null || RESOLVING.get()) {
            return null;
        }
        RESOLVING.set(true);
        try {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            return authentication != null && authentication.getPrincipal() instanceof SignedInUser user
                    ? user.id()
                    : null;
        } finally {
            RESOLVING.remove();
        }
    }
}
