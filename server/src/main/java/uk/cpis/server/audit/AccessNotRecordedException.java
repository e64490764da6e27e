package uk.cpis.server.audit;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/** Fail closed: an answer whose access record could not be stored is not sent (503, retry later). */
public class AccessNotRecordedException extends BaseServerResponseException {

    public AccessNotRecordedException() {
        super(
                503,
                "The access could not be recorded, so no CP-IS information is returned. Retry shortly;"
                        + " if this persists, report it to the CP-IS service desk.");
        addResponseHeader("Retry-After", "5");
    }
}
