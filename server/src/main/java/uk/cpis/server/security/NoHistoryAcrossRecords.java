package uk.cpis.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.springframework.stereotype.Component;
import uk.cpis.server.fhir.FhirServerInterceptor;

/**
 * History across records ({@code /_history}, {@code /Patient/_history}) would list every child's
 * changes at once: no CP-IS caller may use it. The history of one resource stays subject to the
 * read rules.
 */
@Component
@Interceptor
public class NoHistoryAcrossRecords implements FhirServerInterceptor {

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void refuse(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation == RestOperationTypeEnum.HISTORY_SYSTEM || operation == RestOperationTypeEnum.HISTORY_TYPE) {
			throw new ForbiddenOperationException("No CP-IS rule allows history across records");
		}
	}
}
