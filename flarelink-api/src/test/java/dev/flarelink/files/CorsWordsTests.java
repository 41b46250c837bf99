package dev.flarelink.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.cloudflare.r2.R2Cors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CORS rules said in plain words. */
class CorsWordsTests {

    @Test
    void saysTheUploadRuleAsTheProductPromises() {
        assertThat(CorsWords.describe(CorsRules.uploads(List.of("https://app.example.com"))))
                .isEqualTo("Browsers on https://app.example.com may GET, PUT and HEAD objects, sending content-type; "
                        + "they can read ETag; the answer is cached 1 hour");
    }

    @Test
    void saysWildcardsMissingPartsAndOtherDurations() {
        R2Cors.Rule rule = new R2Cors.Rule(
                null,
                new R2Cors.Allowed(List.of("https://*.example.com", "http://localhost:3000"), List.of("GET"), null),
                null,
                null);
        assertThat(CorsWords.describe(rule))
                .isEqualTo("Browsers on any subdomain of https://example.com and http://localhost:3000 may GET "
                        + "objects; they can read no extra response headers; browsers choose how long to cache the "
                        + "answer");
        R2Cors.Rule any = new R2Cors.Rule(
                null, new R2Cors.Allowed(List.of("*"), List.of("GET", "HEAD"), List.of("*")), List.of(), 90);
        assertThat(CorsWords.describe(any))
                .isEqualTo("Browsers on any site may GET and HEAD objects, sending any "
                        + "header; they can read no extra response headers; the answer is cached 90 seconds");
        assertThat(CorsWords.duration(86_400)).isEqualTo("1 day");
        assertThat(CorsWords.duration(600)).isEqualTo("10 minutes");
        assertThat(CorsWords.duration(7200)).isEqualTo("2 hours");
    }

    @Test
    void findsTheFirstRuleThatAdmitsTheRequest() {
        List<R2Cors.Rule> rules = List.of(
                new R2Cors.Rule(
                        null, new R2Cors.Allowed(List.of("https://a.example"), List.of("GET"), null), null, null),
                CorsRules.uploads(List.of("https://a.example")));
        assertThat(CorsRules.match(rules, "https://a.example", "GET", List.of()))
                .isZero();
        assertThat(CorsRules.match(rules, "https://a.example", "PUT", List.of("Content-Type")))
                .isEqualTo(1);
        assertThat(CorsRules.match(rules, "https://a.example", "PUT", List.of("x-custom")))
                .isEqualTo(-1);
        assertThat(CorsRules.match(rules, "https://b.example", "GET", List.of()))
                .isEqualTo(-1);
    }
}
