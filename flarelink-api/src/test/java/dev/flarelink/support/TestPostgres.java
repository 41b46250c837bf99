package dev.flarelink.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL for the api module's integration tests: the one named by {@code FLARELINK_DATABASE_URL} (with
 * {@code FLARELINK_DATABASE_USERNAME}/{@code _PASSWORD}) when set, otherwise one embedded PostgreSQL 17 per JVM.
 */
public final class TestPostgres {

    private static EmbeddedPostgres embedded;

    private TestPostgres() {}

    public static void register(DynamicPropertyRegistry registry) {
        String external = System.getenv("FLARELINK_DATABASE_URL");
        if (external != null && !external.isBlank()) {
            registry.add("spring.datasource.url", () -> external);
            registry.add("spring.datasource.username", () -> System.getenv("FLARELINK_DATABASE_USERNAME"));
            registry.add("spring.datasource.password", () -> System.getenv("FLARELINK_DATABASE_PASSWORD"));
            return;
        }
        EmbeddedPostgres postgres = embedded();
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    private static synchronized EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return embedded;
    }
}
