package dev.flarelink.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.support.TestPostgres;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Goal G12: at most 100 failed sign-ins per account per hour from the addresses that are guessing (ASVS 4.0.3
 * V2.2.1), without a lockout an attacker could use against the owner. The attack comes from 20 addresses, 5 guesses
 * each, so that neither per-address rule fires first: the account rule alone must hold.
 */
@SpringBootTest
class SignInThrottleIntegrationTests {

    private static final String PASSWORD = "the owner's own long passphrase";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
    }

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theHundredAndFirstGuessIsRefusedWhileTheOwnerStillGetsIn() {
        String email = "g12-" + UUID.randomUUID() + "@example.com";
        accounts.signUp(new SignUpCommand(email, PASSWORD));

        for (int address = 1; address <= 20; address++) {
            for (int guess = 1; guess <= 5; guess++) {
                assertThat(accounts.authenticate(email, "wrong guess " + guess, attacker(address)))
                        .as("guess %d from address %d is checked", guess, address)
                        .isEmpty();
            }
        }
        assertThat(failures(email)).isEqualTo(100);

        // The 101st from any guessing address is refused before the password is looked at, even the right one.
        for (int address = 1; address <= 20; address++) {
            String from = attacker(address);
            assertThatThrownBy(() -> accounts.authenticate(email, PASSWORD, from))
                    .isInstanceOf(SignInThrottledException.class);
        }
        assertThat(failures(email))
                .as("refused attempts check nothing and count nothing")
                .isEqualTo(100);

        // No hard lockout: the owner, from an address that has not failed, signs in.
        assertThat(accounts.authenticate(email, PASSWORD, "198.51.100.200"))
                .hasValueSatisfying(account -> assertThat(account.email()).isEqualTo(email));

        // A new address gets one guess, and is then refused like the others.
        assertThat(accounts.authenticate(email, "one more guess", "198.51.100.201"))
                .isEmpty();
        assertThatThrownBy(() -> accounts.authenticate(email, "and another", "198.51.100.201"))
                .isInstanceOf(SignInThrottledException.class);
    }

    private static String attacker(int n) {
        return "203.0.113." + n;
    }

    private long failures(String email) {
        return jdbc.sql("select count(*) from sign_in_failure where email = :email")
                .param("email", EmailAddress.normalise(email))
                .query(Long.class)
                .single();
    }
}
