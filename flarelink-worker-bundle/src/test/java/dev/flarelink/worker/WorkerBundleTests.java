package dev.flarelink.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WorkerBundleTests {

    // Surefire runs with the module directory as working directory.
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Pattern HASH_ROW =
            Pattern.compile("^\\|\\s*([^|\\s]+)\\s*\\|.*`([0-9a-f]{64})`", Pattern.MULTILINE);

    private final WorkerBundle bundle = WorkerBundle.load();

    @Test
    void scriptIsTheCommittedDistFile() throws IOException {
        byte[] dist = Files.readAllBytes(MODULE.resolve("dist/worker.mjs"));
        assertThat(bundle.script()).isEqualTo(dist).hasSizeGreaterThan(100_000);
        assertThat(bundle.mainModule()).isEqualTo("worker.mjs");
    }

    @Test
    void sha256IsComputedFromTheBytesAndMatchesHashesMd() throws IOException, NoSuchAlgorithmException {
        String fromBytes =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bundle.script()));
        assertThat(bundle.sha256()).isEqualTo(fromBytes).matches("[0-9a-f]{64}");
        assertThat(publishedHash(bundle.version())).isEqualTo(bundle.sha256());
    }

    @Test
    void publishedVersionsListEveryReleaseWithItsHashAndFindOlderOnes() {
        assertThat(bundle.publishedVersions()).containsKeys("0.1.0", "0.2.0", bundle.version());
        assertThat(bundle.publishedVersions().keySet()).endsWith(bundle.version());
        assertThat(bundle.publishedVersions()).containsEntry(bundle.version(), bundle.sha256());
        assertThat(bundle.publishedVersionOf("6c1bb79f4a005aece191dccf7cf2d2cee57452896b86f4d5f4360bb1cb298857"))
                .contains("0.2.0");
        assertThat(bundle.publishedVersionOf("0".repeat(64))).isEmpty();
    }

    @Test
    void scriptIsADefensiveCopy() {
        byte[] first = bundle.script();
        first[0] ^= 1;
        assertThat(bundle.script()).isNotEqualTo(first);
    }

    @Test
    void versionIsSemverAndBakedIntoTheScript() {
        assertThat(bundle.version()).matches("\\d+\\.\\d+\\.\\d+");
        String script = new String(bundle.script(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(script).contains("\"" + bundle.version() + "\"");
    }

    @Test
    void migrationsAreOrderedAndMatchTheFilesOnDisk() throws IOException {
        List<String> onDisk;
        try (Stream<Path> files = Files.list(MODULE.resolve("src/main/worker/migrations"))) {
            onDisk = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> names = bundle.migrations().stream().map(Migration::name).toList();
        assertThat(names).isEqualTo(onDisk).isSorted().allMatch(n -> n.matches("\\d{4}_[a-z0-9_]+\\.sql"));
        assertThat(names).first().isEqualTo("0001_init.sql");
    }

    @Test
    void initMigrationDeclaresTheAuthTablesAndNoSessionTable() {
        String sql = bundle.migrations().get(0).sql();
        assertThat(sql)
                .contains("CREATE TABLE IF NOT EXISTS \"user\"")
                .contains("CREATE TABLE IF NOT EXISTS \"account\"")
                .contains("CREATE TABLE IF NOT EXISTS \"verification\"")
                .contains("CREATE TABLE IF NOT EXISTS \"rateLimit\"")
                .contains("CREATE TABLE IF NOT EXISTS \"flarelink_config\"")
                .doesNotContainIgnoringCase("\"session\"");
    }

    @Test
    void migrationsAreRecordedLikeWrangler() {
        assertThat(bundle.migrationsTableSql())
                .contains("CREATE TABLE IF NOT EXISTS d1_migrations")
                .contains("name TEXT UNIQUE")
                .contains("applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL");
        assertThat(bundle.migrations().get(0).recordSql())
                .isEqualTo("INSERT INTO d1_migrations (name) VALUES ('0001_init.sql');");
        assertThat(bundle.migrations().get(0).toString()).isEqualTo("Migration[0001_init.sql]");
    }

    @Test
    void runtimeSettingsAndBindings() {
        assertThat(bundle.compatibilityDate()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(bundle.compatibilityFlags()).containsExactly("nodejs_compat");
        assertThat(bundle.bindings())
                .containsExactly(
                        new Binding("DB", Binding.Type.D1), new Binding("SESSIONS", Binding.Type.KV_NAMESPACE));
        assertThat(bundle.optionalBindings()).containsExactly(new Binding("EMAIL", Binding.Type.SEND_EMAIL));
        assertThat(bundle.bindings()).extracting(b -> b.type().apiName()).containsExactly("d1", "kv_namespace");
    }

    private static String publishedHash(String version) throws IOException {
        Matcher row = HASH_ROW.matcher(Files.readString(MODULE.resolve("HASHES.md")));
        while (row.find()) {
            if (row.group(1).equals(version)) {
                return row.group(2);
            }
        }
        throw new AssertionError("HASHES.md has no row for version " + version);
    }
}
