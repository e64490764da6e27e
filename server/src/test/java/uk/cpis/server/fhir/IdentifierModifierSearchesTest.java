package uk.cpis.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A search with the :identifier modifier is rewritten to the chained form HAPI supports (asChain). */
class IdentifierModifierSearchesTest {

    private static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number%7C9434765919";

    @Test
    void theIdentifierModifierBecomesAChain() {
        assertThat(IdentifierModifierSearches.asChain("patient:identifier=" + NHS_NUMBER))
                .isEqualTo("patient.identifier=" + NHS_NUMBER);
    }

    @Test
    void anEncodedColonIsRewrittenToo() {
        assertThat(IdentifierModifierSearches.asChain("patient%3Aidentifier=" + NHS_NUMBER))
                .isEqualTo("patient.identifier=" + NHS_NUMBER);
        assertThat(IdentifierModifierSearches.asChain("patient%3aidentifier=" + NHS_NUMBER))
                .isEqualTo("patient.identifier=" + NHS_NUMBER);
    }

    @Test
    void everyParameterWithTheModifierIsRewrittenAndTheRestKept() {
        assertThat(IdentifierModifierSearches.asChain("status=active&patient:identifier=" + NHS_NUMBER
                        + "&_include=Flag:author&subject:identifier=x"))
                .isEqualTo("status=active&patient.identifier=" + NHS_NUMBER
                        + "&_include=Flag:author&subject.identifier=x");
    }

    @Test
    void aQueryWithoutTheModifierIsUnchanged() {
        String query = "patient.identifier=" + NHS_NUMBER + "&_include=Flag:patient";
        assertThat(IdentifierModifierSearches.asChain(query)).isEqualTo(query);
        assertThat(IdentifierModifierSearches.asChain("identifier=" + NHS_NUMBER))
                .isEqualTo("identifier=" + NHS_NUMBER);
    }

    @Test
    void theModifierInsideAValueIsNotAParameter() {
        String query = "_content=patient:identifier=x";
        assertThat(IdentifierModifierSearches.asChain(query)).isEqualTo(query);
    }
}
