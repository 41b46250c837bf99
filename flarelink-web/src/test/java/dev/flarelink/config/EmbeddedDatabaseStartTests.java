package dev.flarelink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start of the embedded PostgreSQL that fails says what happened and which setting gives it longer. */
class EmbeddedDatabaseStartTests {

    @Test
    void aFailedStartNamesTheDataDirectoryTheLimitAndTheSettingToRaise(@TempDir Path temp) throws Exception {
        // A data directory that is a file: initdb cannot use it, so the start fails at once.
        Path notADirectory = Files.writeString(temp.resolve("postgres"), "not a directory");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(notADirectory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(5));

        assertThatThrownBy(() -> EmbeddedDatabaseConfiguration.start(builder, notADirectory, Duration.ofSeconds(300)))
                .isInstanceOfSatisfying(EmbeddedDatabaseStartException.class, failure -> {
                    assertThat(failure.getMessage())
                            .contains("embedded PostgreSQL")
                            .contains(notADirectory.toString())
                            .contains("did not start (Flarelink waits up to 300 s)");
                    FailureAnalysis analysis = new EmbeddedDatabaseFailureAnalyzer().analyze(failure);
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).isEqualTo(failure.getMessage());
                    assertThat(analysis.getAction())
                            .contains("FLARELINK_EMBEDDED_DATABASE_START_TIMEOUT")
                            .contains("now 300s")
                            .contains("FLARELINK_DATABASE_URL");
                });
    }

    @Test
    void theAnalyzerIsRegisteredWithSpringBoot() throws Exception {
        String factories = new String(
                getClass().getResourceAsStream("/META-INF/spring.factories").readAllBytes());
        assertThat(factories)
                .contains("org.springframework.boot.diagnostics.FailureAnalyzer")
                .contains(EmbeddedDatabaseFailureAnalyzer.class.getName());
    }
}
