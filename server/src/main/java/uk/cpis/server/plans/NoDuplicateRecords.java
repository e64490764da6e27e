package uk.cpis.server.plans;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import uk.cpis.server.fhir.StartUpStep;

/**
 * One Patient per NHS number per council (each council's child is its own record, managed by it) and
 * one Flag per council plan id, even when two uploads of the same
 * child race each other (HAPI's conditional create checks, then writes: two requests can both find
 * nothing). The database enforces it with HAPI's unique combo search parameters on the identifiers;
 * the request that loses the race is retried by {@link RetryCollidingUploads} and then finds the
 * winner's record. These are server indexes, not part of the CP-IS package a client validates against.
 */
@Component
public class NoDuplicateRecords implements StartUpStep {

    static final String UNIQUE = "http://hapifhir.io/fhir/StructureDefinition/sp-unique";
    public static final String UNIQUE_ORGANISATION = "cpis-unique-organization-identifier";
    private static final Logger log = LoggerFactory.getLogger(NoDuplicateRecords.class);

    private final DaoRegistry daoRegistry;
    private final ISearchParamRegistry searchParamRegistry;

    public NoDuplicateRecords(DaoRegistry daoRegistry, ISearchParamRegistry searchParamRegistry) {
        this.daoRegistry = daoRegistry;
        this.searchParamRegistry = searchParamRegistry;
    }

    @Override
    public void prepare() {
        store(retired(unique(
                "cpis-unique-patient-identifier",
                "Patient",
                "http://hl7.org/fhir/SearchParameter/Patient-identifier")));
        SearchParameter perCouncil = unique(
                "cpis-unique-patient-per-council", "Patient", "http://hl7.org/fhir/SearchParameter/Patient-identifier");
        perCouncil
                .addComponent()
                .setDefinition("http://hl7.org/fhir/SearchParameter/Patient-organization")
                .setExpression("Patient");
        perCouncil.setDescription(
                "Server index: no two Patient resources of one council (managingOrganization) share an identifier");
        store(perCouncil);
        store(unique("cpis-unique-flag-identifier", "Flag", "http://hl7.org/fhir/SearchParameter/clinical-identifier"));
        // the register of partners: one Organization per ODS code (UniqueOdsCodes gives the 422 that explains it)
        store(unique(
                UNIQUE_ORGANISATION, "Organization", "http://hl7.org/fhir/SearchParameter/Organization-identifier"));
        searchParamRegistry.forceRefresh();
        log.info(
                "Unique indexes in place: one Patient per identifier (NHS number) per council, one Flag per plan identifier, one Organization per identifier (ODS code)");
    }

    /** Replaced by a stricter index: kept in the store as retired, so an existing database stops using it. */
    private static SearchParameter retired(SearchParameter parameter) {
        parameter.setStatus(Enumerations.PublicationStatus.RETIRED);
        return parameter;
    }

    private void store(SearchParameter parameter) {
        daoRegistry.getResourceDao(SearchParameter.class).update(parameter, new SystemRequestDetails());
    }

    private static SearchParameter unique(String id, String type, String identifierParameter) {
        SearchParameter parameter = new SearchParameter();
        parameter.setId(id);
        parameter.addExtension(UNIQUE, new BooleanType(true));
        parameter.setUrl("https://fhir.cpis.uk/SearchParameter/" + id);
        parameter.setName(id);
        parameter.setStatus(Enumerations.PublicationStatus.ACTIVE);
        parameter.setDescription("Server index: no two " + type + " resources share an identifier");
        parameter.setCode(id);
        parameter.addBase(type);
        parameter.setType(Enumerations.SearchParamType.COMPOSITE);
        parameter.setExpression(type);
        parameter.addComponent().setDefinition(identifierParameter).setExpression(type);
        return parameter;
    }
}
