package uk.cpis.server.plans;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.Codes;
import uk.cpis.server.contract.Extensions;
import uk.cpis.server.fhir.InterceptorOrder;
import uk.cpis.server.fhir.RejectReason;
import uk.cpis.server.fhir.Rejection;

/**
 * The CP-IS business rules for a plan, each refused with 422, its national reject reason and a
 * message naming the problem. They run before the profile check (which says some of the same in
 * general terms) so the council gets the specific answer:
 * <ul>
 *   <li>the plan does not end before it starts ({@code invalid-dates});
 *   <li>a CPP or LAC is for someone under 18 on the plan's start date ({@code adult-on-child-plan});
 *   <li>a looked-after legal status only on a LAC plan ({@code legal-status-not-looked-after});
 *   <li>no second active plan of the same type for the same child from the same council
 *       ({@code duplicate-active-plan}).
 * </ul>
 */
@Component
@Interceptor
public class PlanRules {

    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    private final DaoRegistry daoRegistry;
    private final PlanReferences planReferences;

    public PlanRules(DaoRegistry daoRegistry, PlanReferences planReferences) {
        this.daoRegistry = daoRegistry;
        this.planReferences = planReferences;
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = InterceptorOrder.BUSINESS_RULES)
    public void beforeCreate(IBaseResource resource) {
        if (resource instanceof Flag plan) {
            checkPlanAlone(plan);
        }
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = InterceptorOrder.BUSINESS_RULES)
    public void beforeUpdate(IBaseResource oldResource, IBaseResource newResource) {
        beforeCreate(newResource);
    }

    /**
     * The rules about the person and the council's other plans run just before commit, when every
     * reference of an upload bundle (urn:uuid, conditional) has been resolved; a refusal there still
     * rolls the whole transaction (or the batch entry) back.
     */
    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void beforeCommitCreate(IBaseResource resource) {
        if (resource instanceof Flag plan) {
            checkPlanAgainstPersonAndOtherPlans(plan);
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void beforeCommitUpdate(IBaseResource oldResource, IBaseResource newResource) {
        beforeCommitCreate(newResource);
    }

    private void checkPlanAlone(Flag plan) {
        String planType = planType(plan);
        if (plan.getPeriod().hasStart()
                && plan.getPeriod().hasEnd()
                && plan.getPeriod().getEnd().before(plan.getPeriod().getStart())) {
            throw Rejection.unprocessable(
                    RejectReason.INVALID_DATES,
                    "Flag.period: the plan ends ("
                            + plan.getPeriod().getEndElement().getValueAsString() + ") before it starts ("
                            + plan.getPeriod().getStartElement().getValueAsString() + ")",
                    "Flag.period");
        }
        if (plan.hasExtension(Extensions.LOOKED_AFTER_LEGAL_STATUS) && !Codes.LOOKED_AFTER_CHILD.equals(planType)) {
            throw Rejection.unprocessable(
                    RejectReason.LEGAL_STATUS_NOT_LOOKED_AFTER,
                    "Flag.extension: a looked-after legal status is only given on a looked-after child plan"
                            + " (SNOMED CT " + Codes.LOOKED_AFTER_CHILD + "), not on plan " + planType,
                    "Flag.extension");
        }
    }

    private void checkPlanAgainstPersonAndOtherPlans(Flag plan) {
        String planType = planType(plan);
        Optional<Patient> person = planReferences.person(plan);
        if ((Codes.CHILD_PROTECTION_PLAN.equals(planType) || Codes.LOOKED_AFTER_CHILD.equals(planType))
                && plan.getPeriod().hasStart()
                && person.isPresent()
                && person.get().hasBirthDate()) {
            LocalDate born =
                    person.get().getBirthDate().toInstant().atZone(ENGLAND).toLocalDate();
            LocalDate start =
                    plan.getPeriod().getStart().toInstant().atZone(ENGLAND).toLocalDate();
            if (Period.between(born, start).getYears() >= 18) {
                throw Rejection.unprocessable(
                        RejectReason.ADULT_ON_CHILD_PLAN,
                        "Flag.period.start: the person (born "
                                + born + ") is 18 or over on the plan's start date (" + start + "); a "
                                + (Codes.CHILD_PROTECTION_PLAN.equals(planType)
                                        ? "child protection plan"
                                        : "looked after child plan")
                                + " is for children only",
                        "Flag.period.start");
            }
        }
        Optional<String> council = planReferences.authorReference(plan);
        if (plan.getStatus() == Flag.FlagStatus.ACTIVE
                && person.isPresent()
                && planType != null
                && council.isPresent()) {
            refuseSecondActivePlan(plan, planType, person.get(), council.get());
        }
    }

    private void refuseSecondActivePlan(Flag plan, String planType, Patient person, String council) {
        SearchParameterMap sameKind = SearchParameterMap.newSynchronous()
                .add(
                        "subject",
                        new ReferenceParam(
                                person.getIdElement().toUnqualifiedVersionless().getValue()))
                .add("author", new ReferenceParam(council))
                .add("code", new TokenParam(CodeSystems.SNOMED, planType))
                .add("status", new TokenParam("active"));
        String self = plan.getIdElement().toUnqualifiedVersionless().getIdPart();
        // ids only: loading whole plans (and their profile tags) while this one is being flushed upsets Hibernate
        boolean another =
                daoRegistry
                        .getResourceDao(Flag.class)
                        .searchForResourceIds(sameKind, new SystemRequestDetails())
                        .stream()
                        .anyMatch(existing -> !existing.getIdPart().equals(self));
        if (another) {
            throw Rejection.unprocessable(
                    RejectReason.DUPLICATE_ACTIVE_PLAN,
                    "Flag: this council already has an active" + " plan of this type (SNOMED CT " + planType
                            + ") for this person; end or correct it first",
                    "Flag");
        }
    }

    private static String planType(Flag plan) {
        return plan.getCode().getCoding().stream()
                .filter(coding -> CodeSystems.SNOMED.equals(coding.getSystem()) && coding.getCode() != null)
                .map(Coding::getCode)
                .findFirst()
                .orElse(null);
    }
}
