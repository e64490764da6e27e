package uk.cpis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The trace header rule, with the values an HTTP client cannot even send (line breaks, control characters). */
class TraceIdsTest {

    @Test
    void aUuidAndShortTokensAreAccepted() {
        assertThat(TraceIds.acceptable(null)).isTrue();
        assertThat(TraceIds.acceptable(UUID.randomUUID().toString())).isTrue();
        assertThat(TraceIds.acceptable("pc1")).isTrue();
        assertThat(TraceIds.acceptable("a.b_c-D9")).isTrue();
        assertThat(TraceIds.acceptable("x".repeat(TraceIds.MAX_LENGTH))).isTrue();
    }

    @Test
    void anythingThatCouldForgeOrBreakALogLineIsRefused() {
        for (String value : new String[] {
            "",
            "x".repeat(TraceIds.MAX_LENGTH + 1),
            "a\nINFO forged",
            "a\r\nb",
            "a\tb",
            "a b",
            "a\u0000b",
            "é",
            "١٢٣",
            "a\u2028b",
            "${jndi:x}",
            "a%0ab",
            "a;b",
            "a\"b",
            "a=b"
        }) {
            assertThat(TraceIds.acceptable(value)).as(value).isFalse();
        }
    }

    @Test
    void aNewTraceIdIsAUuid() {
        String made = TraceIds.newTraceId();
        assertThat(UUID.fromString(made).toString()).isEqualTo(made);
        assertThat(TraceIds.acceptable(made)).isTrue();
    }
}
