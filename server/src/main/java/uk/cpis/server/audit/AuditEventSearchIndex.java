package uk.cpis.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import uk.cpis.server.fhir.StartUpStep;

/**
 * AuditEvents are indexed for the searches CP-IS offers on them (the CapabilityStatement's {@code patient},
 * {@code date}, {@code responsible-la}, {@code access-type} and {@code _tag}, and {@code entity}, whose
 * links the board statistics count), not for every search the FHIR specification defines. Every look-up
 * writes one, so each unused parameter cost a row or two and its FHIRPath evaluation on the look-up's
 * path.
 *
 * <p>HAPI's way to switch off a built-in search parameter is a stored SearchParameter with the same
 * code and base and the status {@code retired}; these are the server's own, like {@code NoDuplicateRecords},
 * and not part of the CP-IS package. Searching AuditEvents by one of them is answered 400 (unknown
 * parameter), as before for any parameter outside the CapabilityStatement.
 */
@Component
public class AuditEventSearchIndex implements StartUpStep {

    static final Set<String> INDEXED = Set.of("date", "entity", "patient");
    private static final Logger log = LoggerFactory.getLogger(AuditEventSearchIndex.class);

    private final DaoRegistry daoRegistry;
    private final ISearchParamRegistry searchParamRegistry;
    private final FhirContext fhirContext;

    public AuditEventSearchIndex(
            DaoRegistry daoRegistry, ISearchParamRegistry searchParamRegistry, FhirContext fhirContext) {
        this.daoRegistry = daoRegistry;
        this.searchParamRegistry = searchParamRegistry;
        this.fhirContext = fhirContext;
    }

    @Override
    public void prepare() {
        List<RuntimeSearchParam> unused = fhirContext.getResourceDefinition("AuditEvent").getSearchParams().stream()
                .filter(parameter -> !INDEXED.contains(parameter.getName())
                        && !parameter.getName().startsWith("_"))
                .toList();
        // an unchanged resource is not written again: later starts cost one read each
        unused.forEach(parameter -> daoRegistry
                .getResourceDao(SearchParameter.class)
                .update(retired(parameter), new SystemRequestDetails()));
        searchParamRegistry.forceRefresh();
        log.info(
                "AuditEvent indexed for {}; not for {}",
                INDEXED,
                unused.stream().map(RuntimeSearchParam::getName).sorted().toList());
    }

    private static SearchParameter retired(RuntimeSearchParam builtIn) {
        SearchParameter parameter = new SearchParameter();
        parameter.setId("cpis-unindexed-AuditEvent-" + builtIn.getName());
        parameter.setUrl(builtIn.getUri());
        parameter.setName(builtIn.getName());
        parameter.setStatus(Enumerations.PublicationStatus.RETIRED);
        parameter.setDescription(
                "Server index: AuditEvents are not indexed for '" + builtIn.getName() + "' (not a CP-IS search)");
        parameter.setCode(builtIn.getName());
        parameter.addBase("AuditEvent");
        parameter.setType(
                Enumerations.SearchParamType.fromCode(builtIn.getParamType().getCode()));
        parameter.setExpression(builtIn.getPath());
        return parameter;
    }
}
