package dev.flarelink.trust.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The Markdown pages of {@code docs/} (copied into the jar at build time), rendered once with tables and heading
 * anchors. Raw HTML in the Markdown is escaped, and links between pages are rewritten to their {@code /docs} URLs.
 */
@Component
class DocsLibrary {

    static final String INDEX = "README";
    private static final Pattern SIBLING = Pattern.compile("^(?:\\./)?([A-Za-z0-9_-]+)\\.md(#.*)?$");
    private static final Pattern PARENT = Pattern.compile("^\\.\\./([A-Za-z0-9_-]+)\\.md(#.*)?$");
    /** From the repository's root, where the CHANGELOG lives: {@code docs/foo.md#x}. */
    private static final Pattern FROM_ROOT = Pattern.compile("^(?:\\./)?docs/([A-Za-z0-9_-]+)\\.md(#.*)?$");

    private final List<Extension> extensions = List.of(TablesExtension.create(), HeadingAnchorExtension.create());
    private final Parser parser = Parser.builder().extensions(extensions).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .extensions(extensions)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .build();
    // Rendered on first use, not at start: the first page a user opens after a start does not need the docs, and
    // rendering them all took about a fifth of a second of the start (issue 24).
    private final SingletonSupplier<Map<String, DocPage>> pages = SingletonSupplier.of(this::load);
    private final SingletonSupplier<String> changelog = SingletonSupplier.of(() ->
            render(read(new PathMatchingResourcePatternResolver().getResource("classpath:changelog/CHANGELOG.md"))));

    /** The page with this slug, if it exists. */
    Optional<DocPage> page(String slug) {
        return Optional.ofNullable(pages.obtain().get(slug));
    }

    /** Every page, the index first, then by title. */
    List<DocPage> all() {
        return pages.obtain().values().stream()
                .sorted(Comparator.comparing((DocPage p) -> !p.slug().equals(INDEX))
                        .thenComparing(DocPage::title))
                .toList();
    }

    String changelogHtml() {
        return changelog.obtain();
    }

    private Map<String, DocPage> load() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:docs/*.md");
            Map<String, DocPage> loaded = new LinkedHashMap<>();
            for (Resource resource : resources) {
                String file = String.valueOf(resource.getFilename());
                String slug = file.substring(0, file.length() - ".md".length());
                String markdown = read(resource);
                loaded.putIfAbsent(slug, new DocPage(slug, titleOf(markdown, slug), markdown, render(markdown)));
            }
            return Map.copyOf(loaded);
        } catch (IOException e) {
            throw new UncheckedIOException("The docs are part of the jar and could not be read", e);
        }
    }

    String render(String markdown) {
        Node document = parser.parse(markdown);
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                link.setDestination(rewrite(link.getDestination()));
                visitChildren(link);
            }
        });
        return renderer.render(document);
    }

    /**
     * {@code foo.md#x} → {@code /docs/foo#x}; {@code README.md} → {@code /docs}; {@code ../CHANGELOG.md} → changelog;
     * from the CHANGELOG, {@code docs/foo.md#x} → {@code /docs/foo#x}.
     */
    static String rewrite(String destination) {
        Matcher sibling = SIBLING.matcher(destination);
        if (sibling.matches()) {
            return docsUrl(sibling.group(1), sibling.group(2));
        }
        Matcher fromRoot = FROM_ROOT.matcher(destination);
        if (fromRoot.matches()) {
            return docsUrl(fromRoot.group(1), fromRoot.group(2));
        }
        Matcher parent = PARENT.matcher(destination);
        if (parent.matches()) {
            // Files outside docs/ are not served; the repository README's content is what the docs index covers.
            return parent.group(1).equals("CHANGELOG") ? "/changelog" : docsUrl(INDEX, parent.group(2));
        }
        return destination;
    }

    private static String docsUrl(String slug, String fragment) {
        String base = slug.equals(INDEX) ? "/docs" : "/docs/" + slug;
        return fragment == null ? base : base + fragment;
    }

    private static String titleOf(String markdown, String slug) {
        return markdown.lines()
                .filter(line -> line.startsWith("# "))
                .map(line -> line.substring(2).strip())
                .findFirst()
                .orElse(slug);
    }

    private static String read(Resource resource) {
        try (var in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource.getFilename(), e);
        }
    }
}
