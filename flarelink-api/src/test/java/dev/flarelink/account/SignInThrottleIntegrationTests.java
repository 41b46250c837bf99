package dev.flarelink.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.support.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Goal G12: at most 100 failed sign-ins per account per hour (ASVS 4.0.3 V2.2.1), whatever addresses the guesses
 * come from, without a lockout an attacker could use against the owner: the owner's browser, which carries a device
 * cookie from an earlier sign-in, still gets in (OWASP device cookies). Also: check and record are atomic.
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
    void theHundredAndFirstGuessIsRefusedWhateverTheAddressWhileTheOwnersBrowserStillGetsIn() {
        String email = "g12-" + UUID.randomUUID() + "@example.com";
        AccountView owner = accounts.signUp(new SignUpCommand(email, PASSWORD));
        String ownersBrowser = accounts.issueDeviceCookie(owner.id());

        // Every guess from a fresh IPv6 address, so no per-address rule ever fires: the account's allowance must.
        for (int guess = 1; guess <= 100; guess++) {
            assertThat(accounts.authenticate(email, "wrong guess " + guess, attacker(guess)))
                    .as("guess %d is checked", guess)
                    .isEmpty();
        }
        assertThat(failures(email)).isEqualTo(100);

        // The 101st, from yet another address, is refused before the password is looked at, even the right one.
        for (int guess = 101; guess <= 110; guess++) {
            String from = attacker(guess);
            assertThatThrownBy(() -> accounts.authenticate(email, PASSWORD, from))
                    .isInstanceOf(SignInThrottledException.class);
        }
        // A cookie the attacker made up, or one issued for another account, makes no client trusted.
        AccountView other = accounts.signUp(new SignUpCommand("other-" + email, PASSWORD));
        String forged = owner.id() + ".AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        for (String cookie : new String[] {forged, accounts.issueDeviceCookie(other.id())}) {
            assertThatThrownBy(() -> accounts.authenticate(email, PASSWORD, attacker(111), cookie))
                    .isInstanceOf(SignInThrottledException.class);
        }
        assertThat(failures(email))
                .as("refused attempts check nothing and count nothing")
                .isEqualTo(100);

        // The owner's known browser, from any address, has its own allowance and gets in during the attack.
        assertThat(accounts.authenticate(email, PASSWORD, attacker(112), ownersBrowser))
                .hasValueSatisfying(account -> assertThat(account.email()).isEqualTo(email));

        // Once the lock period is over (moved here rather than waited for), untrusted clients may try again, with a
        // fresh allowance: failures from before the lock ended are not counted twice.
        jdbc.sql("update sign_in_lockout set locked_until = now() - interval '1 second' where lock_key = :key")
                .param("key", "untrusted:" + EmailAddress.normalise(email))
                .update();
        assertThat(accounts.authenticate(email, PASSWORD, attacker(113))).isPresent();
        assertThat(accounts.authenticate(email, "one more guess", attacker(114)))
                .isEmpty();
        assertThat(accounts.authenticate(email, PASSWORD, attacker(115))).isPresent();
    }

    @Test
    void aKnownBrowserThatKeepsFailingLocksOnlyItself() {
        String email = "device-" + UUID.randomUUID() + "@example.com";
        AccountView owner = accounts.signUp(new SignUpCommand(email, PASSWORD));
        String stolenLaptop = accounts.issueDeviceCookie(owner.id());
        String ownersPhone = accounts.issueDeviceCookie(owner.id());

        for (int guess = 1; guess <= SignInThrottle.DEVICE_LIMIT; guess++) {
            assertThat(accounts.authenticate(email, "guess " + guess, attacker(guess), stolenLaptop))
                    .isEmpty();
        }
        assertThatThrownBy(() -> accounts.authenticate(email, PASSWORD, attacker(50), stolenLaptop))
                .isInstanceOf(SignInThrottledException.class);
        assertThat(accounts.authenticate(email, PASSWORD, attacker(51), ownersPhone))
                .isPresent();
        assertThat(accounts.authenticate(email, PASSWORD, attacker(52))).isPresent();
    }

    @Test
    void simultaneousGuessesAreCountedOneByOne() throws Exception {
        String email = "race-" + UUID.randomUUID() + "@example.com";
        accounts.signUp(new SignUpCommand(email, PASSWORD));
        String from = "192.0.2.77";
        int attempts = 30;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String guess = "simultaneous guess " + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        accounts.authenticate(email, guess, from);
                        return true; // checked
                    } catch (SignInThrottledException refused) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int checked = 0;
            for (Future<Boolean> result : results) {
                checked += result.get(2, TimeUnit.MINUTES) ? 1 : 0;
            }
            assertThat(checked).as("guesses checked").isEqualTo(SignInThrottle.PAIR_LIMIT);
            assertThat(failures(email)).isEqualTo(SignInThrottle.PAIR_LIMIT);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String attacker(int n) {
        return "2001:db8::" + Integer.toHexString(n);
    }

    private long failures(String email) {
        return jdbc.sql("select count(*) from sign_in_failure where email = :email")
                .param("email", EmailAddress.normalise(email))
                .query(Long.class)
                .single();
    }
}
