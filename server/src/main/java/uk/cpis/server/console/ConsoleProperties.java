package uk.cpis.server.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The CP-IS console for testers ({@code cpis.console.*}).
 *
 * @param enabled serve the console at {@code /console/}: on in demo mode, an operator's choice for a
 *     test environment, off (the default) in production
 */
@ConfigurationProperties(prefix = "cpis.console")
public record ConsoleProperties(boolean enabled) {}
