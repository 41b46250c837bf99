package dev.flarelink.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
     * @param startTimeout how long to wait for the server to accept connections (zonky's 10 s default is too short
     *     on a busy machine); {@code FLARELINK_EMBEDDED_DATABASE_START_TIMEOUT}
     */
    @Bean
    EmbeddedPostgresLauncher.Started embeddedPostgresServer(
            FlarelinkProperties properties,
            @Value("${flarelink.embedded-database.durable:true}") boolean durable,
            @Value("${flarelink.embedded-database.start-timeout:120s}") Duration startTimeout,
            StartupPhases phases)
            throws IOException {
        Path dataDirectory = properties.dataDir().toAbsolutePath().normalize();
        Files.createDirectories(dataDirectory);
        Path cluster = dataDirectory.resolve("postgres");
        log.info("Starting embedded PostgreSQL with data in {}", cluster);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPGStartupWait(startTimeout);
        if (durable) {
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        return phases.time(
                "embedded PostgreSQL",
                () -> started(() -> EmbeddedPostgresLauncher.start(dataDirectory, builder), cluster, startTimeout));
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresLauncher.Started server) {
        return server.postgres();
    }

    /** Starts the server, or fails with a message that says what happened and what to change. */
    static EmbeddedPostgres start(EmbeddedPostgres.Builder builder, Path directory, Duration startTimeout) {
        return started(builder::start, directory, startTimeout);
    }

    private static <T> T started(Start<T> start, Path directory, Duration startTimeout) {
        try {
            return start.run();
        } catch (IOException | RuntimeException failed) {
            throw new EmbeddedDatabaseStartException(directory, startTimeout, failed);
        }
    }

    @FunctionalInterface
    private interface Start<T> {
        T run() throws IOException;
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
