package dev.flarelink.trust.web;

/**
 * One docs page, rendered once at start-up.
 *
 * @param slug the name in the URL ({@code README} is the index)
 * @param title the first heading
 * @param markdown the source, served as plain text in {@code /llms-full.txt}
 * @param html the rendered page, raw HTML in the source escaped
 */
record DocPage(String slug, String title, String markdown, String html) {

    public String url() {
        return slug.equals(DocsLibrary.INDEX) ? "/docs" : "/docs/" + slug;
    }
}
