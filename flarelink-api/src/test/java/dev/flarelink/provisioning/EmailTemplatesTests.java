package dev.flarelink.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The dashboard's view of the Worker's templates: what may be saved, and rendering as the Worker renders. */
class EmailTemplatesTests {

    @Test
    void onlyUrlAndAppNameArePlaceholdersAndBodiesMustCarryTheLink() {
        assertThat(EmailTemplates.problem("subject", "")).isNull();
        assertThat(EmailTemplates.problem("subject", "Hi from {{ appName }}")).isNull();
        assertThat(EmailTemplates.problem("html", "<a href=\"{{url}}\">{{appName}}</a>"))
                .isNull();
        assertThat(EmailTemplates.problem("html", "{{url}} {{ user.name }}"))
                .contains("unknown placeholder {{ user.name }}");
        assertThat(EmailTemplates.problem("text", "{{URL}}")).contains("unknown placeholder {{URL}}");
        assertThat(EmailTemplates.problem("text", "no link")).contains("must contain {{url}}");
        assertThat(EmailTemplates.problem("subject", "two\nlines")).contains("one line");
        assertThat(EmailTemplates.problem("html", "{{url}}" + "x".repeat(EmailTemplates.MAX_LENGTH)))
                .contains("keep it under");
    }

    @Test
    void valuesAreEscapedInHtmlOnly() {
        String url = "https://auth.example.com/v?token=a&b=c";
        assertThat(EmailTemplates.render("verify", "html", "<b>{{appName}}</b> {{url}}", url, "A<&>\"'"))
                .isEqualTo("<b>A&#60;&#38;&#62;&#34;&#39;</b> https://auth.example.com/v?token=a&#38;b=c");
        assertThat(EmailTemplates.render("verify", "text", "", url, "A<B>")).contains("for A<B> by", url);
        assertThat(EmailTemplates.render("reset", "subject", null, url, "$1 \\ Acme"))
                .isEqualTo("Reset your $1 \\ Acme password");
        assertThat(EmailTemplates.key("magic-link", "html")).isEqualTo("EMAIL_TEMPLATE_MAGIC_LINK_HTML");
    }

    @Test
    void theDefaultSubjectsAndTextsAreTheWorkers() throws IOException {
        String worker = Files.readString(Path.of("../flarelink-worker-bundle/src/main/worker/src/templates.js"));
        for (String kind : EmailTemplates.KINDS) {
            assertThat(worker).contains("subject: \"" + EmailTemplates.defaultText(kind, "subject") + "\"");
            String text = EmailTemplates.defaultText(kind, "text");
            assertThat(worker.replace("\"\n      + \"", "").replace("\\n", "\n"))
                    .as("the %s text", kind)
                    .contains(text.substring(0, text.indexOf("{{url}}")));
        }
    }
}
