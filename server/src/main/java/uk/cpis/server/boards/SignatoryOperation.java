package uk.cpis.server.boards;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.contract.Operations;
import uk.cpis.server.fhir.CpisProvider;
import uk.cpis.server.security.SharingAgreement;

/**
 * {@code GET /fhir/Organization/$cpis-signatory?identifier=https://fhir.nhs.uk/Id/ods-organization-code|{ODS}}:
 * whether an organisation is a current signatory of the CP-IS information sharing agreement, the
 * very check the access rules make on each request for patient data. Answers a Parameters resource:
 * {@code identifier}, {@code organization} (when registered), {@code signatory} (boolean), and for a
 * signatory the {@code agreement}, {@code seat}, {@code since} and (if it is due to leave) {@code until}
 * of each current membership; {@code checked} is the time of the answer.
 */
@Component
public class SignatoryOperation implements CpisProvider {

    private final SharingAgreement sharingAgreement;
    private final DaoRegistry daoRegistry;
    private final Clock clock;

    public SignatoryOperation(SharingAgreement sharingAgreement, DaoRegistry daoRegistry, Clock clock) {
        this.sharingAgreement = sharingAgreement;
        this.daoRegistry = daoRegistry;
        this.clock = clock;
    }

    @Operation(name = Operations.SIGNATORY, type = Organization.class, idempotent = true)
    public Parameters signatory(@OperationParam(name = "identifier", min = 1, max = 1) TokenParam identifier) {
        if (identifier == null
                || !IdentifierSystems.ODS_CODE.equals(identifier.getSystem())
                || identifier.getValue() == null
                || identifier.getValue().isBlank()) {
            throw new InvalidRequestException(
                    Operations.SIGNATORY + " needs identifier=" + IdentifierSystems.ODS_CODE + "|{ODS code}");
        }
        String ods = identifier.getValue();
        Parameters answer = new Parameters();
        answer.addParameter()
                .setName("identifier")
                .setValue(new Identifier().setSystem(IdentifierSystems.ODS_CODE).setValue(ods));
        daoRegistry
                .getResourceDao("Organization")
                .search(
                        SearchParameterMap.newSynchronous()
                                .add("identifier", new TokenParam(IdentifierSystems.ODS_CODE, ods)),
                        new SystemRequestDetails())
                .getAllResources()
                .stream()
                .map(Organization.class::cast)
                .findFirst()
                .ifPresent(organisation -> answer.addParameter()
                        .setName("organization")
                        .setValue(new Reference("Organization/"
                                        + organisation.getIdElement().getIdPart())
                                .setDisplay(organisation.getName())));
        List<SharingAgreement.Membership> memberships = sharingAgreement.currentMemberships(ods);
        answer.addParameter().setName("signatory").setValue(new BooleanType(!memberships.isEmpty()));
        for (SharingAgreement.Membership membership : memberships) {
            Parameters.ParametersParameterComponent current =
                    answer.addParameter().setName("membership");
            current.addPart().setName("agreement").setValue(new Reference(membership.agreement()));
            current.addPart().setName("seat").setValue(new Reference(membership.seat()));
            if (membership.period().hasStart()) {
                current.addPart()
                        .setName("since")
                        .setValue(new DateTimeType(
                                membership.period().getStartElement().getValueAsString()));
            }
            if (membership.period().hasEnd()) {
                current.addPart()
                        .setName("until")
                        .setValue(new DateTimeType(
                                membership.period().getEndElement().getValueAsString()));
            }
        }
        answer.addParameter().setName("checked").setValue(new InstantType(Date.from(clock.instant())));
        return answer;
    }
}
