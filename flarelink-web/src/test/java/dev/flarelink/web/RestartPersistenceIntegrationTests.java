package dev.flarelink.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.FlarelinkApplication;
import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the README's run command promises: stop the dashboard, start it again on the same data directory, and the
 * account is still there — the embedded PostgreSQL keeps its files.
 */
class RestartPersistenceIntegrationTests {

    @Test
    void anAccountSurvivesAStopAndAStart() {
        Path dataDir = TestDatabase.newDataDirectory();
        String email = Emails.unique("persistent");
        String password = "a sturdy passphrase of words";

        try (ConfigurableApplicationContext first = start(dataDir)) {
            first.getBean(AccountService.class).signUp(new SignUpCommand(email, password));
        }
        assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();

        try (ConfigurableApplicationContext second = start(dataDir)) {
            assertThat(second.getBean(AccountService.class).authenticate(email, password, "192.0.2.10"))
                    .hasValueSatisfying(account -> assertThat(account.email()).isEqualTo(email));
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("show synchronous_commit").query(String.class).single())
                    .isEqualTo("on");
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        // Command-line arguments outrank the environment: always the embedded database, even when the test run
        // was given an external one through FLARELINK_DATABASE_URL.
        return new SpringApplicationBuilder(FlarelinkApplication.class)
                .run("--flarelink.data-dir=" + dataDir, "--server.port=0", "--spring.datasource.url=");
    }
}
