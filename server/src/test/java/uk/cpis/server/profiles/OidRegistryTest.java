package uk.cpis.server.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.utilities.OIDUtilities;
import org.junit.jupiter.api.Test;

/** The validator reads the server's short OID registry, not the one the HL7 library ships (see CpisValidatorConfig). */
class OidRegistryTest {

    @Test
    void theValidatorLoadsTheServersShortRegistry() {
        OIDUtilities registry = new OIDUtilities();

        assertThat(registry.isKnownOID("urn:oid:2.16.840.1.113883.6.96"))
                .as("SNOMED CT is kept")
                .isTrue();
        assertThat(registry.isKnownOID("urn:oid:2.16.840.1.113883.2.1"))
                .as("HL7 UK is kept")
                .isTrue();
        assertThat(registry.isKnownOID("urn:oid:2.16.840.1.113883.1"))
                .as("HL7's internal objects are not")
                .isFalse();
    }
}
