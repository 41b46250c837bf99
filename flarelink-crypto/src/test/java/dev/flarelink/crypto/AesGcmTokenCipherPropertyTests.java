package dev.flarelink.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.jspecify.annotations.Nullable;

/** G2: round trips, and every mutation of the stored text, its header, payload or associated data fails. */
class AesGcmTokenCipherPropertyTests {

    private static final KeyMaterial KEY = KeyMaterial.generate(new SecureRandom());

    @Property
    void roundTripsAnyPlaintextUnderAnyAssociatedData(
            @ForAll @Size(max = 2048) byte[] plaintext, @ForAll("associatedData") AssociatedData ad) {
        TokenCipher cipher = cipher("k1");

        assertThat(cipher.decrypt(cipher.encrypt(plaintext, ad), ad)).isEqualTo(plaintext);
    }

    @Property(tries = 10_000)
    void flippingAnyBitOfTheDecodedPayloadFailsAuthentication(
            @ForAll @Size(max = 96) byte[] plaintext,
            @ForAll("associatedData") AssociatedData ad,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int bitChoice) {
        TokenCipher cipher = cipher("k1");
        EncryptedToken token = EncryptedToken.parse(cipher.encrypt(plaintext, ad));
        byte[] payload = concat(token.nonce(), token.ciphertextWithTag());
        int bit = bitChoice % (payload.length * 8);
        payload[bit / 8] ^= (byte) (1 << (bit % 8));
        String tampered = "v1.k1." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload);

        assertThatThrownBy(() -> cipher.decrypt(tampered, ad)).isInstanceOf(AuthenticationFailedException.class);
    }

    /**
     * A flipped header bit either breaks the format, or names another key id. The key ring then holds the same key
     * under that id too, so only the authenticated header can make decryption fail.
     */
    @Property(tries = 10_000)
    void flippingAnyBitOfTheHeaderFails(
            @ForAll("keyIds") String keyId, @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int bitChoice) {
        String text = cipher(keyId).encrypt(new byte[] {42}, adFor("user-a", "row-1"));
        int headerBits = ("v1." + keyId + ".").length() * 8;
        String tampered = flipCharBit(text, bitChoice % headerBits);
        String tamperedId = keyIdOrNull(tampered);
        if (tamperedId == null) {
            assertThatThrownBy(() -> cipher(keyId).decrypt(tampered, adFor("user-a", "row-1")))
                    .isInstanceOf(MalformedCiphertextException.class);
            return;
        }
        Keyring aliasing = tamperedId.equals(keyId)
                ? Keyring.of(keyId, KEY)
                : Keyring.of(keyId, KEY).withKey(tamperedId, KEY);

        assertThatThrownBy(() -> new AesGcmTokenCipher(aliasing).decrypt(tampered, adFor("user-a", "row-1")))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Property(tries = 10_000)
    void flippingAnyBitAnywhereInTheStoredTextFails(
            @ForAll @Size(max = 64) byte[] plaintext,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int bitChoice) {
        TokenCipher cipher = cipher("k1");
        String text = cipher.encrypt(plaintext, adFor("user-a", "row-1"));
        String tampered = flipCharBit(text, bitChoice % (text.length() * 8));

        assertThatThrownBy(() -> cipher.decrypt(tampered, adFor("user-a", "row-1")))
                .isInstanceOf(CryptoException.class);
    }

    @Property
    void anyChangeToTheAssociatedDataFails(
            @ForAll("associatedData") AssociatedData ad,
            @ForAll @IntRange(min = 0, max = 4) int mutation,
            @ForAll("values") String extra) {
        AssociatedData changed = mutate(ad, mutation, extra);
        Assume.that(!changed.equals(ad));
        TokenCipher cipher = cipher("k1");
        String text = cipher.encrypt(new byte[] {1, 2, 3}, ad);

        assertThatThrownBy(() -> cipher.decrypt(text, changed)).isInstanceOf(AuthenticationFailedException.class);
    }

    @Property
    void ciphertextOfOneUserOrRowFailsForAnother(
            @ForAll("values") String userA,
            @ForAll("values") String userB,
            @ForAll("values") String row,
            @ForAll("values") String otherRow) {
        Assume.that(!userA.equals(userB) && !row.equals(otherRow));
        TokenCipher cipher = cipher("k1");
        String text = cipher.encrypt(new byte[] {7}, adFor(userA, row));

        assertThat(cipher.decrypt(text, adFor(userA, row))).containsExactly(7);
        assertThatThrownBy(() -> cipher.decrypt(text, adFor(userB, row)))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> cipher.decrypt(text, adFor(userA, otherRow)))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Provide
    Arbitrary<AssociatedData> associatedData() {
        Arbitrary<Map<String, String>> fields =
                Arbitraries.maps(values(), values()).ofMaxSize(4);
        return Combinators.combine(values(), fields).as((purpose, map) -> {
            AssociatedData.Builder builder = AssociatedData.forPurpose(purpose);
            map.forEach(builder::with);
            return builder.build();
        });
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings()
                .all()
                .excludeChars(surrogates())
                .ofMinLength(1)
                .ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> keyIds() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('A', 'Z')
                .numeric()
                .withChars('_', '-')
                .ofMinLength(1)
                .ofMaxLength(32);
    }

    private static AssociatedData mutate(AssociatedData ad, int mutation, String extra) {
        Map<String, String> fields = new TreeMap<>(ad.fields());
        String purpose = ad.purpose();
        @Nullable
        String someName = fields.isEmpty() ? null : fields.keySet().iterator().next();
        switch (mutation) {
            case 0 -> purpose = purpose + extra;
            case 1 -> fields.merge(someName == null ? extra : someName, extra, (old, add) -> old + add);
            case 2 -> fields.putIfAbsent(extra + "\u0000new", extra);
            case 3 -> fields.remove(someName == null ? "" : someName);
            default -> {
                if (someName != null) {
                    fields.put(someName + extra, fields.remove(someName));
                }
            }
        }
        AssociatedData.Builder builder = AssociatedData.forPurpose(purpose);
        fields.forEach(builder::with);
        return builder.build();
    }

    private static AssociatedData adFor(String user, String row) {
        return AssociatedData.of("cloudflare-token", "user", user, "connection", row);
    }

    private static TokenCipher cipher(String keyId) {
        return new AesGcmTokenCipher(Keyring.of(keyId, KEY));
    }

    private static @Nullable String keyIdOrNull(String text) {
        try {
            return EncryptedToken.parse(text).keyId();
        } catch (MalformedCiphertextException e) {
            return null;
        }
    }

    private static String flipCharBit(String text, int bit) {
        char[] chars = text.toCharArray();
        chars[bit / 8] ^= (char) (1 << (bit % 8));
        return new String(chars);
    }

    private static char[] surrogates() {
        char[] chars = new char[Character.MAX_SURROGATE - Character.MIN_SURROGATE + 1];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (Character.MIN_SURROGATE + i);
        }
        return chars;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
