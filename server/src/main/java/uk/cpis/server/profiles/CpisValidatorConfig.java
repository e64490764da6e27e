package uk.cpis.server.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The validator that enforces the CP-IS profiles on every write. It works from the CP-IS package
 * shipped with the server and the R4 core definitions, held in memory, rather than from HAPI's
 * database-backed chain: a StructureDefinition written through the API can never loosen what is
 * enforced. $validate keeps using HAPI's chain, fed from the same package at start-up.
 *
 * <p>The HL7 validator builds a new instance per validation, and each one parsed the 21,000-line
 * OID registry it ships ({@code oidregistry.csv}), a large share of an upload's CPU. The server
 * ships its own {@code oidregistry.csv}, found first on the class path, with only the OIDs CP-IS
 * data can carry (HL7 root, HL7 UK, the external code systems); it only decides whether a
 * {@code urn:oid:} URI is reported as unknown. {@code OidRegistryTest} checks it is the one used.
 * The validators themselves are kept and reused ({@link ReusedInstanceValidators}).
 */
@Configuration
public class CpisValidatorConfig {

    @Bean
    public FhirValidator cpisProfileValidator(
            FhirContext fhirContext,
            DefaultProfileValidationSupport coreDefinitions,
            CpisPackageProperties properties) {
        return fhirContext
                .newValidator()
                .registerValidatorModule(
                        new ReusedInstanceValidators(cpisDefinitions(fhirContext, coreDefinitions, properties)));
    }

    /** The CP-IS package and the R4 core, in memory: what the write validator knows. */
    public static ValidationSupportChain cpisDefinitions(
            FhirContext fhirContext,
            DefaultProfileValidationSupport coreDefinitions,
            CpisPackageProperties properties) {
        NpmPackageValidationSupport cpisPackage = new NpmPackageValidationSupport(fhirContext);
        try {
            cpisPackage.loadPackageFromClasspath(properties.packageLocation());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the CP-IS package from " + properties.packageLocation(), e);
        }
        // SNOMED CT cannot be checked here; the plan-type ValueSet lists its three codes, which the
        // in-memory terminology service accepts without the code system.
        return new ValidationSupportChain(
                cpisPackage,
                coreDefinitions,
                new CommonCodeSystemsTerminologyService(fhirContext),
                new InMemoryTerminologyServerValidationSupport(fhirContext),
                new SnapshotGeneratingValidationSupport(fhirContext));
    }
}
