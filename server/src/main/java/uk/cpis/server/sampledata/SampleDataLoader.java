package uk.cpis.server.sampledata;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Loads the sample bundles from {@code test-data/} into an empty database, so a first run has
 * something to look up. A database that already holds patients or organisations is left alone,
 * so restarting never loads the samples twice.
 */
@Component
@ConditionalOnProperty(prefix = "cpis.sample-data", name = "enabled", havingValue = "true")
public class SampleDataLoader {

    private static final Logger log = LoggerFactory.getLogger(SampleDataLoader.class);
    private static final List<String> TYPES_THAT_MEAN_NOT_EMPTY = List.of("Organization", "Patient");

    private final SampleDataProperties properties;
    private final FhirContext fhirContext;
    private final IFhirSystemDao<Bundle, ?> systemDao;
    private final DaoRegistry daoRegistry;

    public SampleDataLoader(
            SampleDataProperties properties,
            FhirContext fhirContext,
            IFhirSystemDao<Bundle, ?> systemDao,
            DaoRegistry daoRegistry) {
        this.properties = properties;
        this.fhirContext = fhirContext;
        this.systemDao = systemDao;
        this.daoRegistry = daoRegistry;
    }

    public void load() throws IOException {
        if (!databaseIsEmpty()) {
            log.info("Sample data not loaded: the database already holds data");
            return;
        }
        Resource[] bundles = new PathMatchingResourcePatternResolver().getResources(properties.location());
        Arrays.sort(bundles, Comparator.comparing(Resource::getFilename));
        int resources = 0;
        for (Resource bundleFile : bundles) {
            Bundle bundle = parse(bundleFile);
            matchWithinTheCouncil(bundle);
            systemDao.transaction(new SystemRequestDetails(), bundle);
            resources += bundle.getEntry().size();
            log.info(
                    "Loaded sample bundle {} ({} entries)",
                    bundleFile.getFilename(),
                    bundle.getEntry().size());
        }
        log.info(
                "Sample data loaded: {} bundles, {} resources from {}",
                bundles.length,
                resources,
                properties.location());
    }

    /**
     * A council's upload matches only its own children (RecordVisibility); the server loads the samples
     * itself, seeing every council's records, so each child's match names its council explicitly.
     */
    private static void matchWithinTheCouncil(Bundle bundle) {
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Patient child
                    && entry.getRequest().hasIfNoneExist()
                    && child.getManagingOrganization().hasReference()
                    && child.getManagingOrganization().getReference().startsWith("Organization?identifier=")) {
                String council = child.getManagingOrganization().getReference().substring("Organization?".length());
                entry.getRequest().setIfNoneExist(entry.getRequest().getIfNoneExist() + "&organization." + council);
            }
        }
    }

    private boolean databaseIsEmpty() {
        for (String type : TYPES_THAT_MEAN_NOT_EMPTY) {
            SearchParameterMap anyOne = SearchParameterMap.newSynchronous().setLoadSynchronousUpTo(1);
            anyOne.setCount(1);
            if (!daoRegistry
                    .getResourceDao(type)
                    .search(anyOne, new SystemRequestDetails())
                    .isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private Bundle parse(Resource bundleFile) {
        try (InputStream in = bundleFile.getInputStream()) {
            return fhirContext.newJsonParser().parseResource(Bundle.class, in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read sample bundle " + bundleFile.getFilename(), e);
        }
    }
}
