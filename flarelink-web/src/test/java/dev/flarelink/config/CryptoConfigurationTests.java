package dev.flarelink.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.crypto.AssociatedData;
import dev.flarelink.crypto.TokenCipher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Where the master key comes from in each runtime mode, and that it never reaches the log. */
@ExtendWith(OutputCaptureExtension.class)
class CryptoConfigurationTests {

    @TempDir
    Path dataDir;

    private final AssociatedData ad = AssociatedData.of("cloudflare-token", "user", "u1", "connection", "c1");

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(Wiring.class)
                .withPropertyValues("flarelink.data-dir=" + dataDir);
    }

    @Test
    void generatesAKeyFileOnceWithOwnerOnlyAccessAndKeepsUsingIt(CapturedOutput output) throws Exception {
        String[] ciphertext = new String[1];
        runner().run(context -> ciphertext[0] =
                context.getBean(TokenCipher.class).encrypt("canary-token".getBytes(StandardCharsets.UTF_8), ad));

        Path keyFile = dataDir.resolve("master.key");
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(output).contains("Generated a master key in").contains("FLARELINK_MASTER_KEY");
        String keyFileText = Files.readString(keyFile);

        runner().run(context -> assertThat(context.getBean(TokenCipher.class).decrypt(ciphertext[0], ad))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("canary-token"));
        assertThat(Files.readString(keyFile)).isEqualTo(keyFileText);
        assertThat(output.getAll()).doesNotContain(keyFileText.strip().replaceAll("^.*:", ""));
    }

    @Test
    void usesTheConfiguredKeyAndWritesNoFile() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        runner().withPropertyValues("flarelink.master-key=k7:" + key).run(context -> {
            String ciphertext = context.getBean(TokenCipher.class).encrypt("x".getBytes(StandardCharsets.UTF_8), ad);
            assertThat(ciphertext).startsWith("v1.k7.");
        });
        assertThat(dataDir.resolve("master.key")).doesNotExist();
    }

    @Test
    void productionRefusesToStartWithoutAConfiguredKey() {
        runner().withPropertyValues("spring.profiles.active=production").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("FLARELINK_MASTER_KEY is not set");
        });
        assertThat(dataDir.resolve("master.key")).doesNotExist();
    }

    @Test
    void refusesAMalformedKeyWithoutEchoingIt() {
        runner().withPropertyValues("flarelink.master-key=bm90LWEta2V5LW9mLTMyLWJ5dGVz")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .message()
                            .doesNotContain("bm90LWEta2V5LW9mLTMyLWJ5dGVz");
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FlarelinkProperties.class)
    @Import(CryptoConfiguration.class)
    static class Wiring {}
}
