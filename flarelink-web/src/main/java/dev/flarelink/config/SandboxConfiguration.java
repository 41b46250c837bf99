package dev.flarelink.config;

import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.DemoSeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Sandbox mode ({@code --spring.profiles.active=sandbox}): the Cloudflare API is emulated in-process, seeded with a
 * demo account and two demo tokens, and kept in the data directory across restarts. Nothing reaches Cloudflare.
 */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
class SandboxConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SandboxConfiguration.class);

    @Bean(destroyMethod = "close")
    CloudflareSandbox cloudflareSandbox(FlarelinkProperties properties, StartupPhases phases) throws IOException {
        Path directory =
                properties.dataDir().resolve("sandbox").toAbsolutePath().normalize();
        Files.createDirectories(directory);
        CloudflareSandbox sandbox = phases.time(
                "sandbox",
                () -> CloudflareSandbox.builder()
                        .dataDirectory(directory)
                        .build()
                        .start());
        DemoSeed demo = phases.time("sandbox seed", sandbox::seedDemo);
        log.info(
                "Sandbox mode: Cloudflare is emulated at {} (demo account {}); state in {}",
                sandbox.baseUrl(),
                demo.accountName(),
                directory);
        return sandbox;
    }
}
