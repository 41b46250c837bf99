package dev.flarelink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityRetention;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.activity.IntegrityReport;
import dev.flarelink.activity.RetentionRun;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.connect.ConnectCommand;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Goal G7: row-level security as a second wall behind the services' owner checks. Every table with a user_id column
 * has RLS enabled and forced; the app's pool works as a role that owns nothing and cannot bypass it; a connection
 * without tenant context sees no tenant row; a signed-in user's request sees and writes only that user's rows.
 */
@SpringBootTest
@ActiveProfiles("sandbox")
class RowLevelSecurityIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    AccountService accounts;

    @Autowired
    ConnectionService connections;

    @Autowired
    CloudflareSandbox sandbox;

    @Autowired
    ActivityService activity;

    @Autowired
    ActivityRetention retention;

    UUID userA;
    UUID userB;

    @BeforeEach
    void twoUsersWithAConnectionEach() {
        userA = connectedUser();
        userB = connectedUser();
    }

    @AfterEach
    void leaveTheRequest() {
        RequestContextHolder.resetRequestAttributes();
        SecurityContextHolder.clearContext();
    }

    @Test
    void everyTableWithAUserIdHasRowSecurityEnabledAndForced() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("""
                        select t.relname, t.relrowsecurity, t.relforcerowsecurity,
                               (select count(*) from pg_policy p where p.polrelid = t.oid)
                        from pg_class t join pg_namespace n on n.oid = t.relnamespace
                        where n.nspname = 'public' and t.relkind = 'r'
                          and exists (select 1 from pg_attribute a where a.attrelid = t.oid
                                      and a.attname = 'user_id' and not a.attisdropped)
                        order by 1""")) {
            while (r.next()) {
                String table = r.getString(1);
                tables.add(table);
                assertThat(r.getBoolean(2))
                        .as("%s: row level security enabled", table)
                        .isTrue();
                assertThat(r.getBoolean(3))
                        .as("%s: forced, so the owner is bound too", table)
                        .isTrue();
                assertThat(r.getLong(4)).as("%s: has a policy", table).isPositive();
            }
        }
        assertThat(tables)
                .contains("cloudflare_connection", "project", "activity_event", "r2_key", "d1_console_entry")
                .contains("totp_factor", "recovery_code", "user_entities", "user_credentials", "password_reset_token");
    }

    @Test
    void theAppWorksAsARoleThatOwnsNothingAndCannotBypassRowSecurity() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("""
                        select current_user, r.rolsuper, r.rolbypassrls,
                               (select count(*) from pg_tables where schemaname = 'public' and tableowner = current_user)
                        from pg_roles r where r.rolname = current_user""")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo(TenantDatabaseConfiguration.APP_ROLE);
            assertThat(r.getBoolean(2)).as("superuser").isFalse();
            assertThat(r.getBoolean(3)).as("bypassrls").isFalse();
            assertThat(r.getLong(4)).as("tables it owns").isZero();
        }
    }

    @Test
    void aQueryWithNoTenantContextSeesNoTenantRow() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertThat(count(c, "select count(*) from cloudflare_connection"))
                    .as("system context")
                    .isGreaterThanOrEqualTo(2);
            try (Statement s = c.createStatement()) {
                s.execute(
                        "select set_config('flarelink.user_id', '', false), set_config('flarelink.system', '', false)");
            }
            try {
                assertThat(count(c, "select count(*) from cloudflare_connection"))
                        .isZero();
                assertThat(count(c, "select count(*) from activity_event")).isZero();
                assertThat(count(c, "select count(*) from activity_chain_head")).isZero();
            } finally {
                // Put back what TenantDataSource committed on this connection: it remembers the scope per physical
                // connection and does not set it again for the next checkout in the same scope.
                try (Statement s = c.createStatement()) {
                    s.execute("select set_config('flarelink.user_id', '', false),"
                            + " set_config('flarelink.system', 'on', false)");
                }
            }
        }
    }

    @Test
    void everyCheckoutCarriesTheScopeOfItsOwnRequestWhoeverUsedTheConnectionBefore() throws SQLException {
        // More rounds than the pool has connections, so physical connections are reused across users.
        for (int round = 0; round < 30; round++) {
            UUID user = round % 3 == 0 ? userA : round % 3 == 1 ? userB : null;
            if (user == null) {
                RequestContextHolder.resetRequestAttributes();
                SecurityContextHolder.clearContext();
            } else {
                actAsSignedIn(user);
            }
            try (Connection c = dataSource.getConnection()) {
                assertThat(setting(c, "flarelink.user_id"))
                        .as("round %d", round)
                        .isEqualTo(user == null ? "" : user.toString());
                assertThat(setting(c, "flarelink.system")).as("round %d", round).isEqualTo(user == null ? "on" : "off");
                if (user != null) {
                    assertThat(count(c, "select count(*) from cloudflare_connection"))
                            .as("round %d: only the user's own connection", round)
                            .isEqualTo(1);
                }
            }
        }
    }

    @Test
    void aSignedInRequestSeesAndWritesOnlyItsUsersRows() throws SQLException {
        actAsSignedIn(userA);
        try (Connection c = dataSource.getConnection()) {
            assertThat(count(c, "select count(*) from cloudflare_connection where user_id = '" + userB + "'"))
                    .as("B's connection, from A's request")
                    .isZero();
            assertThat(count(c, "select count(*) from cloudflare_connection where user_id = '" + userA + "'"))
                    .isEqualTo(1);
            assertThat(count(c, "select count(*) from activity_event where user_id = '" + userB + "'"))
                    .isZero();
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate(
                                "update cloudflare_connection set account_name = 'taken over' where user_id = '" + userB
                                        + "'"))
                        .isZero();
                assertThat(s.executeUpdate("delete from cloudflare_connection where user_id = '" + userB + "'"))
                        .isZero();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into activity_chain_head (user_id, last_seq, last_hash) values (?, 0, ?)")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, "0".repeat(64));
                assertThatThrownBy(insert::executeUpdate)
                        .isInstanceOf(SQLException.class)
                        .satisfies(e ->
                                assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            }
        }
        RequestContextHolder.resetRequestAttributes();
        SecurityContextHolder.clearContext();
        try (Connection c = dataSource.getConnection()) {
            assertThat(count(c, "select count(*) from cloudflare_connection where user_id = '" + userB + "'"))
                    .as("B's connection is untouched")
                    .isEqualTo(1);
        }
    }

    @Test
    void theAppsRoleRemovesEventsOnlyThroughTheRetentionFunctionWhichLeavesASignedCheckpoint() throws SQLException {
        activity.recordAction(ActivityEntry.action(userA, "test.old", null, null, "ok", "an old event"));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // The setting that once opened the table opens nothing for the app's role.
                statement.execute("select set_config('flarelink.activity_retention', 'on', true)");
                assertThatThrownBy(() ->
                                statement.executeUpdate("delete from activity_event where user_id = '" + userA + "'"))
                        .hasMessageContaining("permission denied");
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }

        List<RetentionRun> runs = retention.removeOlderThan(Instant.now().plusSeconds(60));

        assertThat(runs).anySatisfy(run -> assertThat(run.userId()).isEqualTo(userA));
        IntegrityReport report = activity.verify(userA);
        assertThat(report.intact()).as(String.valueOf(report.reason())).isTrue();
    }

    private void actAsSignedIn(UUID user) {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        SignedInUser principal = new SignedInUser(user, "someone@example.com");
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
    }

    private UUID connectedUser() {
        UUID user = accounts.signUp(new SignUpCommand(Emails.unique("rls"), "row level passphrase words"))
                .id();
        connections.connect(
                user,
                new ConnectCommand(sandbox.demo().orElseThrow().fullToken().value(), null));
        return user;
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("select current_setting(?, true)")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
