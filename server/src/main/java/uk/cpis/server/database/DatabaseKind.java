package uk.cpis.server.database;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;

/** The databases CP-IS runs on, recognised from the JDBC URL. */
public enum DatabaseKind {
    POSTGRESQL("jdbc:postgresql:", HapiFhirPostgresDialect.class.getName(), DriverTypeEnum.POSTGRES_9_4),
    EMBEDDED_H2("jdbc:h2:", HapiFhirH2Dialect.class.getName(), DriverTypeEnum.H2_EMBEDDED);

    private final String urlPrefix;
    private final String hibernateDialect;
    private final DriverTypeEnum migrationDriver;

    DatabaseKind(String urlPrefix, String hibernateDialect, DriverTypeEnum migrationDriver) {
        this.urlPrefix = urlPrefix;
        this.hibernateDialect = hibernateDialect;
        this.migrationDriver = migrationDriver;
    }

    public static DatabaseKind fromJdbcUrl(String jdbcUrl) {
        for (DatabaseKind kind : values()) {
            if (jdbcUrl != null && jdbcUrl.startsWith(kind.urlPrefix)) {
                return kind;
            }
        }
        throw new IllegalStateException("Unsupported database URL '" + DatabaseUrls.withoutCredentials(jdbcUrl)
                + "': CP-IS runs on PostgreSQL (jdbc:postgresql:...) or the embedded H2 default (jdbc:h2:...)");
    }

    public String hibernateDialect() {
        return hibernateDialect;
    }

    public DriverTypeEnum migrationDriver() {
        return migrationDriver;
    }
}
