package dev.flarelink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.support.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL lets in only who knows its password (finding 4): a real PostgreSQL 17 on a fresh data
 * directory, and on one made the old way (every local connection trusted), which must keep its data and start again.
 */
class EmbeddedPostgresLauncherTests {

    // The build machine is shared; a start that is slow is not what these tests are about.
    private static final java.time.Duration STARTUP = java.time.Duration.ofSeconds(120);

    @Test
    void aNewDataDirectoryGetsAPasswordOnlyItsOwnerCanReadAndNoConnectionWithoutIt() throws Exception {
        Path data = TestDatabase.newDataDirectory();
        Path passwordFile = data.resolve(EmbeddedPostgresLauncher.PASSWORD_FILE);

        try (EmbeddedPostgres postgres = start(data)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                    .isEqualTo("rw-------");
            String password =
                    Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(40);
            assertRefusedWithout(postgres);
            assertRefusedWith(postgres, "not the password");
            try (Connection connection = connect(postgres, password)) {
                assertThat(single(connection, "select rolpassword from pg_authid where rolname = 'postgres'"))
                        .startsWith("SCRAM-SHA-256$");
                assertThat(single(connection, "show listen_addresses")).isEqualTo("localhost");
                assertThat(single(
                                connection,
                                "select count(*) from pg_hba_file_rules where auth_method <> " + "'scram-sha-256'"))
                        .isEqualTo("0");
            }
        }
        String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        try (EmbeddedPostgres again = start(data);
                Connection connection = connect(again, password)) {
            assertThat(single(connection, "select 1")).isEqualTo("1");
        }
    }

    @Test
    void aDataDirectoryFromBeforeKeepsItsDataAndIsLockedOnItsFirstStart() throws Exception {
        Path data = TestDatabase.newDataDirectory();
        // The way Flarelink started it before: initdb's defaults, every local connection trusted.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                        .setPGStartupWait(STARTUP)
                        .setDataDirectory(data.resolve("postgres"))
                        .setCleanDataDirectory(false)
                        .start();
                Connection connection = old.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create table kept (note text)");
            statement.execute("insert into kept values ('from before')");
        }
        assertThat(EmbeddedPostgresLauncher.isSecured(data.resolve("postgres"))).isFalse();

        try (EmbeddedPostgres upgraded = start(data)) {
            String password = Files.readString(data.resolve(EmbeddedPostgresLauncher.PASSWORD_FILE))
                    .strip();
            assertRefusedWithout(upgraded);
            try (Connection connection = connect(upgraded, password)) {
                assertThat(single(connection, "select note from kept")).isEqualTo("from before");
            }
        }
        assertThat(EmbeddedPostgresLauncher.isSecured(data.resolve("postgres"))).isTrue();

        String password = Files.readString(data.resolve(EmbeddedPostgresLauncher.PASSWORD_FILE))
                .strip();
        try (EmbeddedPostgres restarted = start(data);
                Connection connection = connect(restarted, password)) {
            assertThat(single(connection, "select note from kept")).isEqualTo("from before");
            assertRefusedWithout(restarted);
        }
    }

    private static EmbeddedPostgres start(Path data) throws Exception {
        return EmbeddedPostgresLauncher.start(data, EmbeddedPostgres.builder().setPGStartupWait(STARTUP))
                .postgres();
    }

    private static Connection connect(EmbeddedPostgres postgres, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", password);
        return DriverManager.getConnection(url(postgres), properties);
    }

    private static void assertRefusedWithout(EmbeddedPostgres postgres) {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        assertThatThrownBy(() ->
                        DriverManager.getConnection(url(postgres), properties).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
    }

    private static void assertRefusedWith(EmbeddedPostgres postgres, String wrong) {
        assertThatThrownBy(() -> connect(postgres, wrong).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    private static String url(EmbeddedPostgres postgres) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
