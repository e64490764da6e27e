package uk.cpis.server.profiles;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The CP-IS conformance package the server installs at start-up ({@code cpis.profiles.*}).
 *
 * @param packageLocation Spring resource location of the package.tgz built by the profiles module
 */
@ConfigurationProperties(prefix = "cpis.profiles")
public record CpisPackageProperties(String packageLocation) {}
