package dev.flarelink.provisioning;

/** The project is not in a state that allows what was asked (e.g. retry while a run is going on). */
public class ProjectStateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ProjectStateException(String message) {
        super(message);
    }
}
