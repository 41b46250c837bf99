package dev.flarelink.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Default mode: when no external database is configured, run PostgreSQL 17 from the data directory so that the
 * README's one command starts a working dashboard, and the data survives restarts.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoExternalDatabaseCondition.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    /**
     * @param durable fsync and synchronous commit on, as PostgreSQL's own defaults (zonky turns both off for speed,
     *     which can lose the last commits when the process dies); only the test suite turns this off
     */
    @Bean
    EmbeddedPostgresLauncher.Started embeddedPostgresServer(
            FlarelinkProperties properties,
            @Value("${flarelink.embedded-database.durable:true}") boolean durable,
            StartupPhases phases)
            throws IOException {
        Path dataDirectory = properties.dataDir().toAbsolutePath().normalize();
        Files.createDirectories(dataDirectory);
        log.info("Starting embedded PostgreSQL with data in {}", dataDirectory.resolve("postgres"));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (durable) {
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        return phases.time("embedded PostgreSQL", () -> {
            try {
                return EmbeddedPostgresLauncher.start(dataDirectory, builder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresLauncher.Started server) {
        return server.postgres();
    }

    @Bean
    DataSource dataSource(EmbeddedPostgresLauncher.Started server) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.jdbcUrl());
        dataSource.setUsername(EmbeddedPostgresLauncher.USER);
        dataSource.setPassword(server.password());
        dataSource.setPoolName("flarelink-embedded");
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }
}
