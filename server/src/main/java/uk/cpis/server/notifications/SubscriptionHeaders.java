package uk.cpis.server.notifications;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP headers a council asks to receive with its notifications ({@code Subscription.channel.header},
 * each {@code "Name: value"}), typically the credentials its listener checks. Headers that belong to
 * the HTTP exchange itself, or that the notification sets, cannot be chosen.
 */
final class SubscriptionHeaders {

    record Header(String name, String value) {}

    /** What is shown instead of a header's value (see {@link SubscriptionSecrets}). */
    static final String MASK = "***";

    private static final Pattern HEADER = Pattern.compile("^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \\t]*([^\\r\\n]*)$");
    private static final Set<String> RESERVED = Set.of(
            "connection",
            "content-length",
            "content-type",
            "expect",
            "host",
            "upgrade",
            "transfer-encoding",
            "te",
            "trailer",
            "keep-alive",
            "proxy-connection",
            "x-cpis-notification-id");

    private SubscriptionHeaders() {}

    /** The header as it may be shown: its name, and {@value #MASK} for its value (all of it if it has no name). */
    static String masked(String header) {
        return parse(header).map(parsed -> parsed.name() + ": " + MASK).orElse(MASK);
    }

    static Optional<Header> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = HEADER.matcher(header);
        if (!matcher.matches() || RESERVED.contains(matcher.group(1).toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(new Header(matcher.group(1), matcher.group(2).trim()));
    }
}
