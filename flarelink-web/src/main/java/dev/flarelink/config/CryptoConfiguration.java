package dev.flarelink.config;

import dev.flarelink.crypto.AesGcmTokenCipher;
import dev.flarelink.crypto.KeyFiles;
import dev.flarelink.crypto.Keyring;
import dev.flarelink.crypto.TokenCipher;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

/**
 * The master key ring that encrypts Cloudflare tokens.
 *
 * <p>Where the key comes from, in order: {@code FLARELINK_MASTER_KEY} (one base64 key, or {@code id:key} entries,
 * primary first); {@code FLARELINK_MASTER_KEY_FILE}; otherwise, outside production, a key generated once into the
 * data directory. Production refuses to start without a configured key: a key beside the database it protects
 * protects nothing. The key is read from the environment here and never bound into a properties object, so it
 * cannot show up in a {@code toString()}.
 */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);
    static final String KEY_FILE_NAME = "master.key";

    @Bean
    TokenCipher tokenCipher(Keyring masterKeyring) {
        return new AesGcmTokenCipher(masterKeyring);
    }

    /** Also the root of the HMAC keys (device cookies, activity checkpoints): see {@code MacKey}. */
    @Bean
    Keyring masterKeyring(Environment environment, FlarelinkProperties properties) {
        return keyring(environment, properties);
    }

    private static Keyring keyring(Environment environment, FlarelinkProperties properties) {
        String spec = environment.getProperty("flarelink.master-key");
        if (StringUtils.hasText(spec)) {
            return Keyring.parse(spec);
        }
        String file = environment.getProperty("flarelink.master-key-file");
        if (StringUtils.hasText(file)) {
            return KeyFiles.load(Path.of(file));
        }
        if (environment.acceptsProfiles(Profiles.of("production"))) {
            throw new IllegalStateException("FLARELINK_MASTER_KEY is not set. Production needs a configured master key "
                    + "(base64 of 32 random bytes, e.g. `openssl rand -base64 32`) or FLARELINK_MASTER_KEY_FILE; "
                    + "keep it out of the database and its backups.");
        }
        KeyFiles.LoadedKeyring loaded = KeyFiles.loadOrGenerate(
                properties.dataDir().resolve(KEY_FILE_NAME).toAbsolutePath());
        if (loaded.generated()) {
            log.warn(
                    "Generated a master key in {} (mode 0600). Fine for trying Flarelink; production must set FLARELINK_MASTER_KEY.",
                    loaded.file());
        } else if (loaded.accessibleByOthers()) {
            log.warn("The master key file {} is readable by other users; chmod 600 it.", loaded.file());
        }
        return loaded.keyring();
    }
}
