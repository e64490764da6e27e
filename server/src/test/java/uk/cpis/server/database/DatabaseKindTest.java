package uk.cpis.server.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseKindTest {

    @Test
    void recognisesPostgresAndEmbeddedH2FromTheUrl() {
        assertThat(DatabaseKind.fromJdbcUrl("jdbc:postgresql://db:5432/cpis")).isEqualTo(DatabaseKind.POSTGRESQL);
        assertThat(DatabaseKind.fromJdbcUrl("jdbc:h2:file:./data/cpis-h2")).isEqualTo(DatabaseKind.EMBEDDED_H2);
    }

    @Test
    void refusesOtherDatabasesWithoutEchoingCredentials() {
        assertThatThrownBy(() -> DatabaseKind.fromJdbcUrl("jdbc:mysql://db/cpis?user=admin&password=hunter2"))
                .hasMessageContaining("Unsupported database URL")
                .hasMessageNotContaining("hunter2");
    }
}
