package dev.flarelink.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the Wycheproof AES-GCM vectors from the project's shared folder ({@code shared/testvectors}, a sibling of
 * the project root). Missing or altered files fail the tests: they are never skipped.
 */
final class WycheproofVectors {

    static final String RELATIVE_PATH = "shared/testvectors/wycheproof/aes_gcm_test.json";

    /** sha256 recorded in shared/testvectors/README.md for the copied file. */
    static final String SHA256 = "985e5ecc172e181eaf49e89508b9470dcf478002eb7e8559c707eb42dc97dfe7";

    private static final HexFormat HEX = HexFormat.of();

    /** One test case with its group's parameters; sizes in bits as in the file. */
    record Vector(
            int tcId,
            int keySize,
            int ivSize,
            int tagSize,
            List<String> flags,
            byte[] key,
            byte[] iv,
            byte[] aad,
            byte[] msg,
            byte[] ct,
            byte[] tag,
            String result) {

        boolean valid() {
            return result.equals("valid");
        }

        boolean invalid() {
            return result.equals("invalid");
        }

        /** Flarelink's own parameters: AES-256, 96-bit nonce, 128-bit tag. */
        boolean flarelinkParameters() {
            return keySize == 256 && ivSize == 96 && tagSize == 128;
        }

        byte[] ctAndTag() {
            byte[] out = new byte[ct.length + tag.length];
            System.arraycopy(ct, 0, out, 0, ct.length);
            System.arraycopy(tag, 0, out, ct.length, tag.length);
            return out;
        }

        @Override
        public String toString() {
            return "tcId " + tcId + " (" + result + ", key " + keySize + ", iv " + ivSize + ", flags " + flags + ")";
        }
    }

    /** The parsed file: declared test count and all vectors. */
    record VectorFile(int numberOfTests, List<Vector> vectors) {}

    private WycheproofVectors() {}

    static VectorFile load() {
        Path path = locate();
        try {
            byte[] bytes = Files.readAllBytes(path);
            String sha256 = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            if (!sha256.equals(SHA256)) {
                throw new AssertionError(path + " has sha256 " + sha256 + ", expected " + SHA256
                        + " (see shared/testvectors/README.md)");
            }
            return parse(JsonMapper.builder().build().readTree(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tries ../shared and ../../shared from the working directory (project root or module dir), then upwards. */
    static Path locate() {
        Path cwd = Path.of("").toAbsolutePath();
        Set<Path> tried = new LinkedHashSet<>();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE_PATH).normalize();
            tried.add(candidate);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("Wycheproof vectors not found. They are required (never skipped); expected "
                + RELATIVE_PATH + " beside the project root. Tried: " + tried);
    }

    private static VectorFile parse(JsonNode root) {
        List<Vector> vectors = new ArrayList<>();
        for (JsonNode group : root.get("testGroups")) {
            for (JsonNode test : group.get("tests")) {
                vectors.add(vector(group, test));
            }
        }
        return new VectorFile(root.get("numberOfTests").asInt(), List.copyOf(vectors));
    }

    private static Vector vector(JsonNode group, JsonNode test) {
        List<String> flags = new ArrayList<>();
        test.get("flags").forEach(flag -> flags.add(flag.asString()));
        return new Vector(
                test.get("tcId").asInt(),
                group.get("keySize").asInt(),
                group.get("ivSize").asInt(),
                group.get("tagSize").asInt(),
                List.copyOf(flags),
                hex(test, "key"),
                hex(test, "iv"),
                hex(test, "aad"),
                hex(test, "msg"),
                hex(test, "ct"),
                hex(test, "tag"),
                test.get("result").asString());
    }

    private static byte[] hex(JsonNode test, String field) {
        return HEX.parseHex(test.get(field).asString());
    }
}
