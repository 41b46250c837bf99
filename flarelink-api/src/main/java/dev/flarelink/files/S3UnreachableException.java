package dev.flarelink.files;

import java.net.URI;

/** The S3 endpoint did not answer (network error or timeout); the message names the host only. */
public class S3UnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    S3UnreachableException(URI url) {
        super("The R2 S3 endpoint " + url.getHost() + " did not answer; check the network and try again.");
    }
}
