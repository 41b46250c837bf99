package dev.flarelink.activity;

import dev.flarelink.crypto.Keyring;
import dev.flarelink.crypto.MacKey;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Signs retention checkpoints with an HMAC-SHA256 key derived from the master key, which lives outside PostgreSQL: a
 * checkpoint written by anyone who can only write the database does not verify, so the start of a chain cannot be
 * removed unseen. Each signature names the master key it came from, so checkpoints stay verifiable after a rotation
 * as long as that key is still in the key ring.
 */
@Component
class CheckpointSigner {

    private static final String PURPOSE = "flarelink/activity-checkpoint/v1";

    record Signature(String keyId, String mac) {}

    private final Keyring keyring;

    CheckpointSigner(Keyring keyring) {
        this.keyring = keyring;
    }

    Signature sign(UUID user, long throughSeq, String throughHash) {
        MacKey key = MacKey.derive(keyring, PURPOSE);
        return new Signature(key.keyId(), key.sign(data(user, throughSeq, throughHash)));
    }

    /** Why the checkpoint's signature does not hold, or null when it does. */
    @Nullable
    String problem(UUID user, long throughSeq, String throughHash, @Nullable String keyId, @Nullable String mac) {
        if (keyId == null || mac == null) {
            return "the retention checkpoint through event " + throughSeq + " is not signed: it was not written by "
                    + "Flarelink's retention job (events before it may have been removed)";
        }
        if (!keyring.contains(keyId)) {
            return "the retention checkpoint through event " + throughSeq + " is signed with master key '" + keyId
                    + "', which this Flarelink does not have";
        }
        if (!MacKey.derive(keyring, keyId, PURPOSE).verify(data(user, throughSeq, throughHash), mac)) {
            return "the retention checkpoint through event " + throughSeq + " has a signature that does not match: "
                    + "it was written or changed outside Flarelink (events before it may have been removed)";
        }
        return null;
    }

    private static String data(UUID user, long throughSeq, String throughHash) {
        return "activity-checkpoint|" + user + "|" + throughSeq + "|" + throughHash;
    }
}
