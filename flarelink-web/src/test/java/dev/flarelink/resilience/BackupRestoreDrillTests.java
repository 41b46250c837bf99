package dev.flarelink.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.activity.ActivityService;
import dev.flarelink.activity.IntegrityReport;
import dev.flarelink.crypto.AesGcmTokenCipher;
import dev.flarelink.crypto.AssociatedData;
import dev.flarelink.crypto.CryptoException;
import dev.flarelink.crypto.Keyring;
import dev.flarelink.provisioning.ProvisioningService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The backup drill (goal G17): back up Flarelink's PostgreSQL, restore it into a fresh cluster, and check that
 * nothing is missing, the activity chain verifies, and every stored Cloudflare token decrypts with the master key
 * from the environment and with no other. The backup is a cold file-system copy (PostgreSQL's "file system level
 * backup"): this machine's {@code pg_dump} is 15 and cannot dump the PostgreSQL 17 that Flarelink embeds.
 */
class BackupRestoreDrillTests {

    @Test
    void aRestoredBackupHasEveryRowAVerifyingChainAndTokensOnlyTheMasterKeyOpens() throws Exception {
        ChaosFixture fixture = ChaosFixture.start();
        DurablePostgres restored = null;
        ConfigurableApplicationContext restoredApp = null;
        try {
            UUID user = fixture.connectedUser();
            String name = "drill" + UUID.randomUUID().toString().substring(0, 6);
            UUID projectId = fixture.startProject(user, name);
            fixture.awaitRunEnd(projectId, Duration.ofSeconds(120));
            String token = fixture.demo().fullToken().value();

            fixture.app.close();
            Map<String, Long> before = rowCounts(fixture.postgres);
            fixture.postgres.stopCleanly();
            Path backup = copyOf(fixture.postgres.dataDirectory());

            restored = DurablePostgres.startFromCopy(backup);
            assertThat(rowCounts(restored)).as("row counts after restore").isEqualTo(before);
            assertThat(before.get("activity_event")).isPositive();
            assertThat(before.get("cloudflare_connection")).isEqualTo(1L);

            List<String[]> connections = connections(restored);
            Keyring masterKey = Keyring.parse(fixture.masterKey);
            Keyring otherKey = Keyring.parse(randomKey());
            for (String[] row : connections) {
                AssociatedData boundTo = AssociatedData.of("cloudflare-token", "user", row[1], "connection", row[0]);
                byte[] plain = new AesGcmTokenCipher(masterKey).decrypt(row[2], boundTo);
                assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(token);
                assertThatThrownBy(() -> new AesGcmTokenCipher(otherKey).decrypt(row[2], boundTo))
                        .isInstanceOf(CryptoException.class);
            }

            restoredApp = ChaosFixture.startApp(restored, fixture.masterKey);
            IntegrityReport chain = restoredApp.getBean(ActivityService.class).verify(user);
            assertThat(chain.intact()).as(String.valueOf(chain.reason())).isTrue();
            assertThat(chain.checked()).isGreaterThanOrEqualTo(before.get("activity_event"));
            assertThat(restoredApp
                            .getBean(ProvisioningService.class)
                            .get(user, projectId)
                            .status())
                    .isEqualTo("active");
        } finally {
            if (restoredApp != null) {
                restoredApp.close();
            }
            if (restored != null) {
                restored.close();
            }
            fixture.postgres.close();
        }
    }

    /** Rows per table of Flarelink's schema, read on a fresh connection. */
    private static Map<String, Long> rowCounts(DurablePostgres postgres) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = postgres.connect();
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select table_name from information_schema.tables "
                    + "where table_schema = 'public' and table_type = 'BASE TABLE'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet r = s.executeQuery("select count(*) from \"" + table.replace("\"", "\"\"") + "\"")) {
                    r.next();
                    counts.put(table, r.getLong(1));
                }
            }
        }
        return counts;
    }

    private static List<String[]> connections(DurablePostgres postgres) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = postgres.connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select id, user_id, token_ciphertext from cloudflare_connection")) {
            while (r.next()) {
                rows.add(new String[] {r.getString(1), r.getString(2), r.getString(3)});
            }
        }
        return rows;
    }

    private static Path copyOf(Path source) throws IOException {
        Path target = Files.createTempDirectory("flarelink-restore-");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = source.relativize(file);
                if (relative.toString().equals("postmaster.pid")) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return target;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
