package dev.flarelink.trust.web;

import dev.flarelink.shared.NotFoundException;

/** No docs page has this name. */
class DocNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    private DocNotFoundException(String message) {
        super(message);
    }

    static DocNotFoundException forSlug(String slug) {
        return new DocNotFoundException("No docs page " + slug);
    }
}
