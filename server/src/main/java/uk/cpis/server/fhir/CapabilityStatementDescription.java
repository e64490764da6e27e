package uk.cpis.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.springframework.stereotype.Component;

/** Names the server in its CapabilityStatement, which HAPI otherwise calls a generic "RestServer". */
@Component
@Interceptor
public class CapabilityStatementDescription {

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void describe(IBaseConformance generated) {
        CapabilityStatement statement = (CapabilityStatement) generated;
        statement.setName("CPISServer");
        statement.setTitle("Child Protection - Information Sharing (CP-IS) FHIR server");
        statement.setStatus(PublicationStatus.ACTIVE);
        statement.setPublisher("CP-IS");
        statement.setDescription(
                "Tells unscheduled care clinicians, by NHS number, whether a child is on a child"
                        + " protection plan, is looked after, or (for a pregnant woman) has an unborn child on a pre-birth plan,"
                        + " with the responsible local authority's contacts; records every look-up and tells the local authority.");
        statement.getImplementation().setDescription("CP-IS FHIR server");
        statement.getSoftware().setName("CP-IS FHIR server (HAPI FHIR)");
    }
}
