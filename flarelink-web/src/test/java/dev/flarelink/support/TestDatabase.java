package dev.flarelink.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Where test application contexts keep their data: a fresh temporary data directory, so each context runs its own
 * embedded PostgreSQL exactly as the README's run command does. When {@code FLARELINK_DATABASE_URL} is set, the app
 * uses that PostgreSQL instead (tests then use unique e-mails, so a shared database is fine).
 */
public final class TestDatabase {

    private TestDatabase() {}

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("flarelink.data-dir", TestDatabase::newDataDirectory);
        // Throw-away test databases trade durability for speed; the run command's database keeps fsync on.
        registry.add("flarelink.embedded-database.durable", () -> "false");
    }

    public static Path newDataDirectory() {
        try {
            return Files.createTempDirectory("flarelink-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
