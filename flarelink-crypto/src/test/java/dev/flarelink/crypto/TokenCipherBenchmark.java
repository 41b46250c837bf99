package dev.flarelink.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * On-demand JMH benchmark (never part of the test run): {@link AesGcmTokenCipher} on a 53-byte token against plain
 * JCA {@code AES/GCM/NoPadding} doing the same work (fresh 12-byte nonce, AAD, 128-bit tag). Run with {@code
 * ./mvnw -pl flarelink-crypto test-compile exec:exec@benchmark} (see the module README).
 */
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class TokenCipherBenchmark {

    /** Same length as a Cloudflare API token (40 characters) plus some headroom: the figure the targets name. */
    private static final byte[] TOKEN =
            "cf-api-token-0123456789abcdefghijklmnopqrstuvwxyzABCD".getBytes(StandardCharsets.US_ASCII);

    private final SecureRandom random = new SecureRandom();
    private final AssociatedData ad = AssociatedData.of("cloudflare-token", "user", "42", "connection", "7");
    private final KeyMaterial key = KeyMaterial.generate(random);

    private AesGcmTokenCipher flarelink;
    private String flarelinkText;

    private Cipher jca;
    private SecretKeySpec jcaKey;
    private AesGcm raw;
    private byte[] jcaAad;
    private byte[] jcaNonce;
    private byte[] jcaSealed;
    private byte[] jcaSealedNonce;

    @Setup
    public void setUp() throws GeneralSecurityException {
        if (TOKEN.length != 53) {
            throw new IllegalStateException("benchmark token must be 53 bytes");
        }
        flarelink = new AesGcmTokenCipher(Keyring.of("k1", key), random);
        flarelinkText = flarelink.encrypt(TOKEN, ad);
        jca = Cipher.getInstance("AES/GCM/NoPadding");
        jcaKey = new SecretKeySpec(key.copyBytes(), "AES");
        raw = new AesGcm(key.copyBytes());
        jcaAad = AesGcmTokenCipher.HEADER_AND_ASSOCIATED_DATA.aad("v1.k1", ad);
        jcaNonce = new byte[12];
        jcaSealed = jcaEncrypt();
        jcaSealedNonce = jcaNonce.clone();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public String flarelinkEncrypt() {
        return flarelink.encrypt(TOKEN, ad);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] flarelinkDecrypt() {
        return flarelink.decrypt(flarelinkText, ad);
    }

    /** The raw BouncyCastle primitive alone (no text format, no AAD building), to separate cipher cost from overhead. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] bouncyCastleRawEncrypt() {
        random.nextBytes(jcaNonce);
        return raw.encrypt(jcaNonce, TOKEN, jcaAad);
    }

    /** Baseline: one cached JCA Cipher per thread, fresh nonce, same AAD bytes, raw bytes out (no text format). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] jcaEncrypt() throws GeneralSecurityException {
        random.nextBytes(jcaNonce);
        jca.init(Cipher.ENCRYPT_MODE, jcaKey, new GCMParameterSpec(128, jcaNonce));
        jca.updateAAD(jcaAad);
        return jca.doFinal(TOKEN);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] jcaDecrypt() throws GeneralSecurityException {
        jca.init(Cipher.DECRYPT_MODE, jcaKey, new GCMParameterSpec(128, jcaSealedNonce));
        jca.updateAAD(jcaAad);
        return jca.doFinal(jcaSealed);
    }
}
