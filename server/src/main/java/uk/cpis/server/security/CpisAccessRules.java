package uk.cpis.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilder;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;
import uk.cpis.server.security.AccessPolicy.Interaction;

/**
 * The {@link AccessPolicy} as HAPI's own authorization rules, so HAPI's checks (including those it
 * applies to each entry of a transaction or batch) hold the same allow-list as {@link RequestGate};
 * plus the sharing agreement: a caller whose work reveals patient data is refused everything but the
 * CapabilityStatement unless its organisation is a current signatory, checked on every request.
 * Everything no rule allows is 403. No rule lets any caller write an AuditEvent: access records are
 * written by the server alone.
 */
@Component
public class CpisAccessRules extends AuthorizationInterceptor {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final CurrentCaller currentCaller;
    private final SharingAgreement sharingAgreement;

    public CpisAccessRules(CurrentCaller currentCaller, SharingAgreement sharingAgreement) {
        super(PolicyEnum.DENY);
        this.currentCaller = currentCaller;
        this.sharingAgreement = sharingAgreement;
    }

    @Override
    public List<IAuthRule> buildRuleList(RequestDetails request) {
        CpisActor actor = currentCaller.actor();
        IAuthRuleBuilder rules = new RuleBuilder();
        rules.allow("the CapabilityStatement is public").metadata();
        if (actor.seesPatientData()
                && !sharingAgreement.isCurrentSignatory(
                        currentCaller.identity().map(CallerIdentity::odsCode).orElse(null))) {
            return rules.denyAll("Your organisation is not a current member of the CP-IS information sharing"
                            + " agreement: no patient data")
                    .build();
        }
        AccessPolicy.Permissions permissions = AccessPolicy.of(actor);
        for (AccessPolicy.Grant grant : permissions.grants().values()) {
            Class<? extends IBaseResource> type =
                    FHIR.getResourceDefinition(grant.type()).getImplementingClass();
            String why = grant.why();
            if (grant.allows(Interaction.READ) || grant.allows(Interaction.SEARCH)) {
                rules.allow(why).read().resourcesOfType(type).withAnyId();
            }
            if (grant.allows(Interaction.CREATE)) {
                rules.allow(why).create().resourcesOfType(type).withAnyId();
            }
            if (grant.allows(Interaction.CONDITIONAL_CREATE)) {
                rules.allow(why).createConditional().resourcesOfType(type);
            }
            if (grant.allows(Interaction.UPDATE)) {
                rules.allow(why).write().resourcesOfType(type).withAnyId();
            }
            if (grant.allows(Interaction.CONDITIONAL_UPDATE)) {
                rules.allow(why).updateConditional().resourcesOfType(type);
            }
            if (grant.allows(Interaction.DELETE)) {
                rules.allow(why).delete().resourcesOfType(type).withAnyId();
            }
        }
        for (AccessPolicy.OperationGrant operation : permissions.operations()) {
            var named =
                    rules.allow("the operation " + operation.name()).operation().named(operation.name());
            if (operation.type() == null) {
                named.onServer().andAllowAllResponses();
            } else {
                named.onType(FHIR.getResourceDefinition(operation.type()).getImplementingClass())
                        .andAllowAllResponses();
            }
        }
        if (permissions.bundles()) {
            rules.allow("uploads in bundles, each entry under the rules above")
                    .transaction()
                    .withAnyOperation()
                    .andApplyNormalRules();
        }
        rules.denyAll("No CP-IS rule allows this request for this caller");
        return rules.build();
    }
}
