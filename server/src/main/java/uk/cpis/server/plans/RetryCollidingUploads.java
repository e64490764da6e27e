package uk.cpis.server.plans;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.ResourceVersionConflictResolutionStrategy;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * An upload that collides with a parallel upload of the same child (a unique index of
 * {@link NoDuplicateRecords} refuses the second insert) is run again: its conditional create then
 * finds the record the other upload stored. An update sent with {@code If-Match} is never retried:
 * its 409 is the optimistic lock telling the council someone else changed the plan.
 */
@Component
@Interceptor
public class RetryCollidingUploads {

    // HAPI waits a random, growing pause between tries; ten tries let eight parallel uploads of one
    // child settle on a loaded two-core machine, where five did not
    static final int MAX_RETRIES = 10;
    private static final Set<RestOperationTypeEnum> UPLOADS =
            Set.of(RestOperationTypeEnum.CREATE, RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.TRANSACTION);

    @Hook(Pointcut.STORAGE_VERSION_CONFLICT)
    public ResourceVersionConflictResolutionStrategy retryUploads(RequestDetails request) {
        ResourceVersionConflictResolutionStrategy strategy = new ResourceVersionConflictResolutionStrategy();
        if (request != null
                && UPLOADS.contains(request.getRestOperationType())
                && request.getHeader("If-Match") == null) {
            strategy.setRetry(true);
            strategy.setMaxRetries(MAX_RETRIES);
        }
        return strategy;
    }
}
