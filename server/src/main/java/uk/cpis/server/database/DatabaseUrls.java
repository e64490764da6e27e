package uk.cpis.server.database;

/** Makes JDBC URLs safe to log. */
final class DatabaseUrls {

    private DatabaseUrls() {}

    static String withoutCredentials(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "(none)";
        }
        return jdbcUrl.replaceAll("(?i)(password|user)=[^&;]*", "$1=***");
    }
}
