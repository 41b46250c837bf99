package dev.flarelink.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.CloudflareClientOptions;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import dev.flarelink.cloudflare.workers.WorkerScriptUploadParams;
import dev.flarelink.worker.WorkerBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Trust page's shell one-liner, run for real (bash, curl, awk, sha256sum) against the emulator's download
 * endpoint, which answers in Cloudflare's multipart form: it must print exactly the bundle's published SHA-256.
 */
class VerifyCommandTests {

    @Test
    void theOneLinerPrintsTheBundleHashOfTheDeployedScript() throws Exception {
        WorkerBundle bundle = WorkerBundle.load();
        try (CloudflareSandbox sandbox = CloudflareSandbox.builder().build().start()) {
            String account = sandbox.createAccount("Trust check");
            SandboxToken token = sandbox.createToken(account, SandboxPermission.flarelinkFive());
            CloudflareApi api = CloudflareClient.builder()
                    .options(CloudflareClientOptions.builder()
                            .baseUrl(sandbox.baseUrl())
                            .build())
                    .build()
                    .withToken(ApiToken.of(token.value()));
            api.workers()
                    .upload(
                            account,
                            WorkerScriptUploadParams.builder("flarelink-trust-auth")
                                    .mainModule(
                                            bundle.mainModule(), new String(bundle.script(), StandardCharsets.UTF_8))
                                    .compatibilityDate(LocalDate.parse(bundle.compatibilityDate()))
                                    .build());

            String printed = run(TrustFacts.verifyCommand(sandbox.baseUrl()), token.value(), account);

            assertThat(printed).startsWith(bundle.sha256() + "  -");
        }
    }

    private static String run(String command, String token, String account) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -o pipefail; " + command);
        builder.environment().put("CLOUDFLARE_API_TOKEN", token);
        builder.environment().put("ACCOUNT_ID", account);
        builder.environment().put("SCRIPT_NAME", "flarelink-trust-auth");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
