package uk.cpis.server.sampledata;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sample data for a first run ({@code cpis.sample-data.*}).
 *
 * @param enabled load the sample bundles into an empty database at start-up
 * @param location where the bundles are, as a Spring resource pattern; loaded in file-name order
 */
@ConfigurationProperties(prefix = "cpis.sample-data")
public record SampleDataProperties(boolean enabled, String location) {}
