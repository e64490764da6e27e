package uk.cpis.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A JDBC URL is logged without its user and password (DatabaseUrls.withoutCredentials). */
class DatabaseUrlsTest {

    @Test
    void aUrlWithoutCredentialsIsUnchanged() {
        assertThat(DatabaseUrls.withoutCredentials("jdbc:postgresql://db:5432/cpis"))
                .isEqualTo("jdbc:postgresql://db:5432/cpis");
    }

    @Test
    void theUserAndPasswordParametersAreHidden() {
        assertThat(DatabaseUrls.withoutCredentials(
                        "jdbc:postgresql://db:5432/cpis?user=cpis&password=s3cret&sslmode=require"))
                .isEqualTo("jdbc:postgresql://db:5432/cpis?user=***&password=***&sslmode=require")
                .doesNotContain("s3cret");
    }

    @Test
    void semicolonSeparatedAndUpperCaseParametersAreHiddenToo() {
        assertThat(DatabaseUrls.withoutCredentials("jdbc:h2:mem:cpis;USER=sa;PASSWORD=s3cret;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:mem:cpis;USER=***;PASSWORD=***;MODE=PostgreSQL");
    }

    @Test
    void noUrlIsShownAsNone() {
        assertThat(DatabaseUrls.withoutCredentials(null)).isEqualTo("(none)");
    }
}
