package dev.flarelink.provisioning;

/** A step cannot go on for a reason the user can fix; the message says what to do. */
class StepProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StepProblemException(String message) {
        super(message);
    }
}
