package dev.flarelink.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTests {

    @TempDir
    Path dir;

    @Test
    void generatesAnOwnerOnlyFileAndReloadsTheSameKey() throws IOException {
        Path file = dir.resolve("secrets/flarelink.key");

        KeyFiles.LoadedKeyring created = KeyFiles.loadOrGenerate(file);
        KeyFiles.LoadedKeyring reloaded = KeyFiles.loadOrGenerate(file);

        assertThat(created.generated()).isTrue();
        assertThat(created.file()).isEqualTo(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(created.accessibleByOthers()).isFalse();
        assertThat(reloaded.generated()).isFalse();
        assertThat(reloaded.accessibleByOthers()).isFalse();
        assertThat(reloaded.keyring().keyIds()).containsExactly("k1");
        assertThat(reloaded.keyring().primaryKey()).isEqualTo(created.keyring().primaryKey());
    }

    @Test
    void generatedFileDecryptsWhatTheFirstRunEncrypted() {
        Path file = dir.resolve("flarelink.key");
        AssociatedData ad = AssociatedData.of("cloudflare-token", "user", "1");
        String text = new AesGcmTokenCipher(KeyFiles.loadOrGenerate(file).keyring()).encrypt(new byte[] {9}, ad);

        assertThat(new AesGcmTokenCipher(KeyFiles.load(file)).decrypt(text, ad)).containsExactly(9);
    }

    @Test
    void neverOverwritesAnExistingFile() throws IOException {
        byte[] key = KeyMaterialTests.randomKey();
        Path file = dir.resolve("flarelink.key");
        String spec = "k2:" + b64(KeyMaterialTests.randomKey()) + "\nk1:" + b64(key) + "\n";
        Files.writeString(file, spec);

        KeyFiles.LoadedKeyring loaded = KeyFiles.loadOrGenerate(file);

        assertThat(loaded.generated()).isFalse();
        assertThat(loaded.keyring().keyIds()).containsExactly("k2", "k1");
        assertThat(loaded.keyring().key("k1")).isEqualTo(KeyMaterial.copyOf(key));
        assertThat(Files.readString(file)).isEqualTo(spec);
    }

    @Test
    void flagsAFileThatGroupOrOthersCanRead() throws IOException {
        Path file = dir.resolve("flarelink.key");
        KeyFiles.loadOrGenerate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(KeyFiles.loadOrGenerate(file).accessibleByOthers()).isTrue();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));
        assertThat(KeyFiles.loadOrGenerate(file).accessibleByOthers()).isTrue();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assertThat(KeyFiles.loadOrGenerate(file).accessibleByOthers()).isFalse();
    }

    @Test
    void fileErrorsNameTheFileButNotTheKey() throws IOException {
        byte[] key = KeyMaterialTests.randomKey();
        Path file = dir.resolve("bad.key");
        Files.writeString(file, "k1:" + b64(key).substring(4), StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> KeyFiles.load(file))
                .isInstanceOf(InvalidKeyMaterialException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("Key 'k1'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(Secrets.encodings(key)));
        assertThatThrownBy(() -> KeyFiles.load(dir.resolve("missing.key")))
                .isInstanceOf(InvalidKeyMaterialException.class)
                .hasMessageContaining("Cannot read key file");
    }

    @Test
    void loadedKeyringToStringHasNoKeyBytes() {
        KeyFiles.LoadedKeyring loaded = KeyFiles.loadOrGenerate(dir.resolve("flarelink.key"));
        byte[] key = loaded.keyring().primaryKey().copyBytes();

        assertThat(loaded.toString()).contains("k1").doesNotContain(Secrets.encodings(key));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
