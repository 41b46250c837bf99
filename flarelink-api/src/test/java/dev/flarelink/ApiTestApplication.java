package dev.flarelink;

import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.CloudflareClientOptions;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.crypto.AesGcmTokenCipher;
import dev.flarelink.crypto.KeyMaterial;
import dev.flarelink.crypto.Keyring;
import dev.flarelink.crypto.TokenCipher;
import java.security.SecureRandom;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The api module's services, repositories and migrations without the web layer, for integration tests: a fresh
 * master key per context and the Cloudflare emulator in place of Cloudflare.
 */
@SpringBootApplication
public class ApiTestApplication {

    @Bean
    Keyring masterKeyring() {
        return Keyring.of("test", KeyMaterial.generate(new SecureRandom()));
    }

    @Bean
    TokenCipher tokenCipher(Keyring masterKeyring) {
        return new AesGcmTokenCipher(masterKeyring);
    }

    @Bean(destroyMethod = "close")
    CloudflareSandbox cloudflareSandbox() {
        return CloudflareSandbox.builder().build().start();
    }

    @Bean
    CloudflareClient cloudflareClient(CloudflareSandbox sandbox) {
        return CloudflareClient.builder()
                .options(CloudflareClientOptions.builder()
                        .baseUrl(sandbox.baseUrl())
                        .sleeper(duration -> {})
                        .build())
                .build();
    }
}
