package dev.flarelink.crypto;

import java.io.Serial;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SecureRandom} for tests: either replays fixed bytes (to reproduce a known-answer vector's nonce) or
 * delegates to a real {@link SecureRandom} and records every output.
 */
final class FixedRandom extends SecureRandom {

    @Serial
    private static final long serialVersionUID = 1L;

    private final byte[] fixed;
    private final transient SecureRandom delegate;
    private final transient List<byte[]> outputs = new ArrayList<>();

    private FixedRandom(byte[] fixed, SecureRandom delegate) {
        this.fixed = fixed;
        this.delegate = delegate;
    }

    /** Always fills with {@code bytes} (the requested length must match). */
    static FixedRandom replaying(byte[] bytes) {
        return new FixedRandom(bytes.clone(), new SecureRandom());
    }

    /** Real randomness, with each output recorded. */
    static FixedRandom recording() {
        return new FixedRandom(new byte[0], new SecureRandom());
    }

    @Override
    public void nextBytes(byte[] bytes) {
        if (fixed.length > 0) {
            if (bytes.length != fixed.length) {
                throw new AssertionError("asked for " + bytes.length + " bytes, fixture has " + fixed.length);
            }
            System.arraycopy(fixed, 0, bytes, 0, bytes.length);
        } else {
            delegate.nextBytes(bytes);
        }
        outputs.add(bytes.clone());
    }

    /** Every output so far, in order. */
    List<byte[]> outputs() {
        return outputs;
    }
}
