package dev.flarelink.activity;

import dev.flarelink.shared.NotFoundException;

/** The signed-in user has no event with this sequence number (it may be another user's, or removed by retention). */
public class ActivityEventNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    private ActivityEventNotFoundException(String message) {
        super(message);
    }

    static ActivityEventNotFoundException forSeq(long seq) {
        return new ActivityEventNotFoundException("No activity event " + seq);
    }
}
