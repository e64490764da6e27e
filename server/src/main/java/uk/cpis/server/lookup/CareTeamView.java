package uk.cpis.server.lookup;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.fhir.CpisProvider;

/**
 * NHS England's CP-IS FHIR API answers a look-up with one CareTeam per plan; clinical systems written
 * against it work unchanged with {@code GET /fhir/CareTeam?patient:identifier=...}. The CareTeams are
 * a view of the plans at the time of the request, never stored, so they cannot drift from the Flags:
 * {@code category} the plan type (SNOMED CT), {@code period} the plan's, {@code name} the council,
 * {@code telecom} its office-hours (work) and emergency duty (mobile) numbers. A CareTeam's id is its
 * plan's id. The access rules and the audit apply as to any look-up.
 */
@Component
public class CareTeamView implements IResourceProvider, CpisProvider {

    private final ChildRecord childRecord;
    private final LookUps lookUps;

    public CareTeamView(ChildRecord childRecord, LookUps lookUps) {
        this.childRecord = childRecord;
        this.lookUps = lookUps;
    }

    @Override
    public Class<CareTeam> getResourceType() {
        return CareTeam.class;
    }

    /** Optional, so a search without the NHS number reaches the access rules and is refused there (403). */
    @Search
    public List<CareTeam> byNhsNumber(
            @OptionalParam(
                            name = "patient",
                            chainWhitelist = {"identifier"})
                    ReferenceParam patient,
            RequestDetails request) {
        String prefix = IdentifierSystems.NHS_NUMBER + "|";
        String value = patient == null ? "" : patient.getValue();
        if (patient == null || !"identifier".equals(patient.getChain()) || !value.startsWith(prefix)) {
            throw new InvalidRequestException("Search CareTeam by the child's NHS number: patient:identifier="
                    + IdentifierSystems.NHS_NUMBER + "|{NHS number}");
        }
        ChildRecord.Found found = childRecord.find(value.substring(prefix.length()));
        lookUps.show(request, found);
        return found.plans().stream()
                .map(plan -> careTeam(
                        plan,
                        found.personOf(plan),
                        found.councils()
                                .get(plan.getAuthor()
                                        .getReferenceElement()
                                        .toUnqualifiedVersionless()
                                        .getValue())))
                .toList();
    }

    static CareTeam careTeam(Flag plan, Patient person, Organization council) {
        CareTeam team = new CareTeam();
        team.setId(plan.getIdElement().getIdPart());
        // a searchset entry says it is a match (HAPI marks only what its own searches find)
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(team, BundleEntrySearchModeEnum.MATCH);
        team.getMeta().setLastUpdated(plan.getMeta().getLastUpdated());
        team.setIdentifier(plan.getIdentifier().stream().map(Identifier::copy).toList());
        team.setStatus(
                plan.getStatus() == Flag.FlagStatus.ACTIVE
                        ? CareTeam.CareTeamStatus.ACTIVE
                        : CareTeam.CareTeamStatus.INACTIVE);
        team.addCategory(plan.getCode().copy());
        Reference child = new Reference(ChildRecord.reference(person));
        person.getIdentifier().stream()
                .filter(identifier -> IdentifierSystems.NHS_NUMBER.equals(identifier.getSystem()))
                .findFirst()
                .ifPresent(nhsNumber -> child.setIdentifier(
                        new Identifier().setSystem(nhsNumber.getSystem()).setValue(nhsNumber.getValue())));
        team.setSubject(child);
        team.setPeriod(plan.getPeriod().copy());
        team.setName(council.getName());
        Reference managing = new Reference(ChildRecord.reference(council)).setDisplay(council.getName());
        council.getIdentifier().stream().findFirst().ifPresent(ods -> managing.setIdentifier(ods.copy()));
        team.addManagingOrganization(managing);
        for (ContactPoint phone : council.getTelecom()) {
            if (phone.getSystem() == ContactPoint.ContactPointSystem.PHONE
                    && (phone.getUse() == ContactPoint.ContactPointUse.WORK
                            || phone.getUse() == ContactPoint.ContactPointUse.MOBILE)) {
                team.addTelecom(phone.copy());
            }
        }
        return team;
    }
}
