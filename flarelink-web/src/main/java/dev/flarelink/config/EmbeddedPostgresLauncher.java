package dev.flarelink.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Set;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded PostgreSQL so that no other local process can use it: its superuser has a random password,
 * generated at first start into {@code postgres.password} in the data directory (mode 0600, beside the cluster, never
 * logged), every connection must give it (SCRAM-SHA-256, also over the Unix socket), and the server listens on
 * loopback only.
 *
 * <p>A data directory made by an older Flarelink (which let every local connection in without a password) keeps
 * working: it starts as it is once, gets the password (its SCRAM verifier is computed here, so the password never
 * travels as SQL text) and then the new rules, which PostgreSQL reloads at once.
 */
final class EmbeddedPostgresLauncher {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresLauncher.class);

    static final String PASSWORD_FILE = "postgres.password";
    static final String USER = "postgres";
    static final String HBA_MARKER = "# Flarelink: every connection gives the password (SCRAM), loopback only.";

    private static final String HBA = HBA_MARKER + "\n"
            + "local   all   all                   scram-sha-256\n"
            + "host    all   all   127.0.0.1/32    scram-sha-256\n"
            + "host    all   all   ::1/128         scram-sha-256\n";

    /** The running server and the superuser's password (not printed by {@link #toString()}). */
    record Started(EmbeddedPostgres postgres, String password) {

        String jdbcUrl() {
            return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        }

        @Override
        public String toString() {
            return "Started[port=" + postgres.getPort() + "]";
        }
    }

    private EmbeddedPostgresLauncher() {}

    /** Starts PostgreSQL on {@code dataDirectory/postgres}; {@code builder} adds settings such as durability. */
    static Started start(Path dataDirectory, EmbeddedPostgres.Builder builder) throws IOException {
        Path cluster = dataDirectory.resolve("postgres");
        Files.createDirectories(cluster);
        String password = readOrCreatePassword(dataDirectory.resolve(PASSWORD_FILE));
        boolean existing = Files.exists(cluster.resolve("postgresql.conf"));
        boolean secured = existing && isSecured(cluster);
        builder.setDataDirectory(cluster)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "localhost")
                .setConnectConfig("password", password);
        if (!existing) {
            // initdb stores the superuser's password (as SCRAM, PostgreSQL's default) from the file.
            builder.setLocaleConfig(
                    "pwfile",
                    dataDirectory.resolve(PASSWORD_FILE).toAbsolutePath().toString());
        }
        if (!existing || secured) {
            builder.setDataDirectoryCustomizer(directory -> writeHba(directory.toPath()));
        }
        EmbeddedPostgres postgres = builder.start();
        if (existing && !secured) {
            try {
                secureOldCluster(postgres, cluster, password);
            } catch (IOException | SQLException | RuntimeException e) {
                postgres.close();
                throw new IOException(
                        "Could not give the embedded PostgreSQL in " + cluster + " a password: " + e.getMessage(), e);
            }
        }
        return new Started(postgres, password);
    }

    private static void secureOldCluster(EmbeddedPostgres postgres, Path cluster, String password)
            throws SQLException, IOException {
        log.info("Giving the embedded PostgreSQL in {} a password; from now on every connection needs it", cluster);
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            connection.unwrap(PGConnection.class).alterUserPassword(USER, password.toCharArray(), "scram-sha-256");
            writeHba(cluster);
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_reload_conf()");
            }
        }
    }

    static boolean isSecured(Path cluster) throws IOException {
        Path hba = cluster.resolve("pg_hba.conf");
        return Files.exists(hba)
                && Files.readString(hba, StandardCharsets.UTF_8).startsWith(HBA_MARKER);
    }

    private static void writeHba(Path cluster) {
        try {
            Files.writeString(cluster.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readOrCreatePassword(Path file) throws IOException {
        if (Files.exists(file)) {
            if (posix() && !Files.getPosixFilePermissions(file).equals(ownerOnly())) {
                log.warn("The embedded PostgreSQL's password file {} is readable by other users; chmod 600 it.", file);
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new IOException("The embedded PostgreSQL's password file " + file + " is empty. Restore it "
                        + "from a backup of the data directory; it must hold the password the database was given.");
            }
            return password;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        if (posix()) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly()));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        return password;
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static Set<PosixFilePermission> ownerOnly() {
        return PosixFilePermissions.fromString("rw-------");
    }
}
