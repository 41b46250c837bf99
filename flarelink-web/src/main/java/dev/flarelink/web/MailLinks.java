package dev.flarelink.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The links a captured e-mail holds, in order and once each, so an Outbox page can offer them to follow. */
public final class MailLinks {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

    private MailLinks() {}

    /** Every http(s) address in the bodies; {@code &amp;} in an HTML body's address reads as {@code &}. */
    public static List<String> in(String... bodies) {
        Set<String> urls = new LinkedHashSet<>();
        for (String body : bodies) {
            Matcher matcher = LINK.matcher(body);
            while (matcher.find()) {
                urls.add(matcher.group().replace("&amp;", "&"));
            }
        }
        return List.copyOf(urls);
    }
}
