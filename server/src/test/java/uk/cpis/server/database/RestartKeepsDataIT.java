package uk.cpis.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.StartedServer;
import uk.cpis.server.testsupport.TestPostgres;

/**
 * Stopping and starting the server keeps its data, on both databases, and the demo sample data is
 * loaded into an empty database once, never again.
 */
class RestartKeepsDataIT {

    @Test
    void embeddedDatabaseKeepsDataAcrossRestartAndLoadsSamplesOnce(@TempDir Path dataDir) {
        String[] demoOnEmbedded = {"spring.profiles.active=demo", "cpis.data-dir=" + dataDir};
        assertRestartKeepsData(() -> StartedServer.start(demoOnEmbedded), () -> StartedServer.start(demoOnEmbedded));
    }

    @Test
    void postgresKeepsDataAcrossRestartAndLoadsSamplesOnce() throws Exception {
        String database = TestPostgres.freshDatabase("cpis_restart");
        assertRestartKeepsData(
                () -> StartedServer.onPostgres(database, "spring.profiles.active=demo"),
                () -> StartedServer.onPostgres(database, "spring.profiles.active=demo"));
    }

    private static void assertRestartKeepsData(ServerStart first, ServerStart second) {
        IIdType patientId;
        int sampleFlags;
        try (StartedServer server = first.start()) {
            sampleFlags = countFlags(server);
            assertThat(sampleFlags).as("sample plans loaded on first start").isPositive();
            Patient patient = CpisResources.child(NhsNumbers.next());
            patient.getNameFirstRep().setFamily("Survivor");
            patientId = server.fhirClient()
                    .create()
                    .resource(patient)
                    .execute()
                    .getId()
                    .toUnqualifiedVersionless();
            // with a Medway plan, so that Medway's system (the started server's caller) may read the child
            Bundle medway = server.fhirClient()
                    .search()
                    .forResource(Organization.class)
                    .where(Organization.IDENTIFIER.exactly().systemAndCode(CpisResources.ODS, "00LC"))
                    .returnBundle(Bundle.class)
                    .execute();
            server.fhirClient()
                    .create()
                    .resource(CpisResources.plan(
                            CpisResources.CPP,
                            "00LC",
                            "RESTART-" + patientId.getIdPart(),
                            new Reference(patientId),
                            new Reference(medway.getEntryFirstRep()
                                    .getResource()
                                    .getIdElement()
                                    .toUnqualifiedVersionless())))
                    .execute();
            sampleFlags++;
        }
        try (StartedServer server = second.start()) {
            assertThat(server.fhirClient()
                            .read()
                            .resource(Patient.class)
                            .withId(patientId)
                            .execute()
                            .getNameFirstRep()
                            .getFamily())
                    .isEqualTo("Survivor");
            assertThat(countFlags(server))
                    .as("sample plans not loaded twice (plus the one added)")
                    .isEqualTo(sampleFlags);
        }
    }

    private static int countFlags(StartedServer server) {
        return server.fhirClient()
                .search()
                .forResource(Flag.class)
                .totalMode(ca.uhn.fhir.rest.api.SearchTotalModeEnum.ACCURATE)
                .returnBundle(Bundle.class)
                .execute()
                .getTotal();
    }

    @FunctionalInterface
    private interface ServerStart {
        StartedServer start();
    }
}
