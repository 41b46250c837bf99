package dev.flarelink.trust.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.connect.Permission;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.TestDatabase;
import dev.flarelink.worker.WorkerBundle;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

/** The public Trust page states the facts from their single sources, without sign-in. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TrustPageIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void showsThePermissionTableTheWorkerHashAndTheCheckCommandToAnyone() {
        HttpResponse<String> page = new BrowserlessSession(port).get("/trust");

        assertThat(page.statusCode()).isEqualTo(200);
        for (Permission permission : Permission.values()) {
            assertThat(page.body())
                    .contains(permission.label())
                    .contains(HtmlUtils.htmlEscape(permission.whatFlarelinkDoes()));
        }
        WorkerBundle bundle = WorkerBundle.load();
        assertThat(page.body())
                .contains(bundle.sha256())
                .contains(bundle.version())
                .contains("AES-256-GCM")
                .contains("/workers/scripts/$SCRIPT_NAME/content/v2")
                .contains("sha256sum");
    }
}
