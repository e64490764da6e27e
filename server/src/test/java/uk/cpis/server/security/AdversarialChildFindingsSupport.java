package uk.cpis.server.security;

import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import uk.cpis.server.testsupport.TestCouncil;

/** Findings about one council's child: a Medway child and plan, as stored before each test, and Reading. */
abstract class AdversarialChildFindingsSupport extends AdversarialFindingsSupport {

    Seeded medway;
    String patientBefore;
    String planBefore;
    Reference reading;

    @BeforeEach
    void aMedwayChildWithAPlan() {
        medway = medwayChild();
        patientBefore = stored("Patient", medway.patientId());
        planBefore = stored("Flag", medway.planId());
        reading = council(TestCouncil.READING);
    }
}
