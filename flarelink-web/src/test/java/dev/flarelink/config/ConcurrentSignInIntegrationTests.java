package dev.flarelink.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Many sign-ins at once, four times the connection pool: each request must get its tenant-scoped connection without
 * holding one while it waits for another (the load test found exactly that deadlock: every sign-in answered 500
 * after the pool's 30 s timeout).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ConcurrentSignInIntegrationTests {

    private static final String PASSWORD = "many at the same moment";
    private static final int SIGN_INS = 40;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void fortySimultaneousSignInsAllSucceed() throws Exception {
        String email = Emails.unique("concurrent");
        assertThat(new BrowserlessSession(port).signUp(email, PASSWORD).statusCode())
                .isEqualTo(302);

        ExecutorService pool = Executors.newFixedThreadPool(SIGN_INS);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int i = 0; i < SIGN_INS; i++) {
                results.add(pool.submit(() -> {
                    BrowserlessSession browser = new BrowserlessSession(port);
                    HttpResponse<String> signIn =
                            browser.submit("/signin", "/signin", Map.of("email", email, "password", PASSWORD));
                    return new int[] {
                        signIn.statusCode(), browser.get("/projects").statusCode()
                    };
                }));
            }
            for (Future<int[]> result : results) {
                int[] statuses = result.get();
                assertThat(statuses[0]).as("sign-in").isEqualTo(302);
                assertThat(statuses[1]).as("the signed-in page after it").isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
