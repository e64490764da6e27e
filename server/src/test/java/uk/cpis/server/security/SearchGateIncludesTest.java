package uk.cpis.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Comma-joined includes (as @medplum/core sends them) become one include per value (SearchGate.oneIncludePerValue). */
class SearchGateIncludesTest {

    @Test
    void commaJoinedIncludesAreSplitIntoOneValueEach() {
        Map<String, String[]> split = SearchGate.oneIncludePerValue(
                Map.of("_include", new String[] {"Flag:patient,Flag:author", "Flag:encounter"}));
        assertThat(split.get("_include")).containsExactly("Flag:patient", "Flag:author", "Flag:encounter");
    }

    @Test
    void iteratingAndReverseIncludesAreSplitToo() {
        Map<String, String[]> parameters = new LinkedHashMap<>();
        parameters.put("_include:iterate", new String[] {"CareTeam:participant, Organization:partof"});
        parameters.put("_revinclude", new String[] {"Flag:patient,AuditEvent:patient"});
        Map<String, String[]> split = SearchGate.oneIncludePerValue(parameters);
        assertThat(split.get("_include:iterate")).containsExactly("CareTeam:participant", "Organization:partof");
        assertThat(split.get("_revinclude")).containsExactly("Flag:patient", "AuditEvent:patient");
    }

    @Test
    void emptyPiecesAreDropped() {
        assertThat(SearchGate.oneIncludePerValue(Map.of("_include", new String[] {",Flag:patient,,"}))
                        .get("_include"))
                .containsExactly("Flag:patient");
    }

    @Test
    void otherParametersAreLeftAlone() {
        Map<String, String[]> split = SearchGate.oneIncludePerValue(Map.of("status", new String[] {"active,inactive"}));
        assertThat(split.get("status")).containsExactly("active,inactive");
        assertThat(split).doesNotContainKey("_include");
    }

    @Test
    void theCallersParametersAreNotChanged() {
        Map<String, String[]> parameters = Map.of("_include", new String[] {"Flag:patient,Flag:author"});
        SearchGate.oneIncludePerValue(parameters);
        assertThat(parameters.get("_include")).containsExactly("Flag:patient,Flag:author");
    }
}
