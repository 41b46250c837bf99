package dev.flarelink.trust.web;

import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The docs in the site layout, the two llms.txt files and the changelog: public, read-only. */
@Controller
class DocsController {

    private final DocsLibrary docs;

    DocsController(DocsLibrary docs) {
        this.docs = docs;
    }

    @GetMapping("/docs")
    String index(Model model) {
        return show(DocsLibrary.INDEX, model);
    }

    @GetMapping("/docs/{slug:[A-Za-z0-9_-]+}")
    String page(@PathVariable String slug, Model model) {
        return show(slug, model);
    }

    private String show(String slug, Model model) {
        DocPage page = docs.page(slug).orElseThrow(() -> DocNotFoundException.forSlug(slug));
        model.addAttribute("page", page);
        model.addAttribute("pages", docs.all());
        return "trust/doc";
    }

    @GetMapping(value = "/llms.txt", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> llmsIndex() {
        String index = docs.all().stream()
                .map(p -> "- [" + p.title() + "](" + p.url() + ")")
                .collect(Collectors.joining(
                        "\n",
                        "# Flarelink\n\n> Flarelink's documentation, one page a line.\n\n## Docs\n\n",
                        "\n- [Changelog](/changelog)\n"));
        return plain(index);
    }

    @GetMapping(value = "/llms-full.txt", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> llmsFull() {
        return plain(docs.all().stream()
                .map(p -> "<!-- " + p.url() + " -->\n" + p.markdown().strip() + "\n")
                .collect(Collectors.joining("\n")));
    }

    @GetMapping("/changelog")
    String changelog(Model model) {
        model.addAttribute("html", docs.changelogHtml());
        return "trust/changelog";
    }

    private static ResponseEntity<String> plain(String body) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8))
                .body(body);
    }
}
