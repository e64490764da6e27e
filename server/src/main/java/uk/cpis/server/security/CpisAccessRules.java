package uk.cpis.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilder;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Subscription;
import org.springframework.stereotype.Component;
import uk.cpis.server.fhir.FhirServerInterceptor;

/**
 * Who may do what on the FHIR endpoint, in one place: a request is allowed only if one of these
 * rules allows it, everything else is 403. These are the rules per kind of caller and the sharing
 * agreement; the finer rules are {@link LookUpQueries} (a clinician one child at a time by NHS number,
 * a council's searches narrowed to its own records) and {@link RecordVisibility} (which stored
 * records each caller may be shown).
 *
 * <p>No rule lets any caller write an AuditEvent: access records are written by the server alone.
 */
@Component
public class CpisAccessRules extends AuthorizationInterceptor implements FhirServerInterceptor {

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
		if (actor.seesPatientData() && !sharingAgreement.isCurrentSignatory(
				currentCaller.identity().map(CallerIdentity::odsCode).orElse(null))) {
			return rules.denyAll("Your organisation is not a current member of the CP-IS information sharing"
							+ " agreement: no patient data")
					.build();
		}
		switch (actor) {
			case LOCAL_AUTHORITY_SYSTEM -> {
				readAndWrite(rules, "a council uploads its children and plans", Patient.class, Flag.class);
				readOnly(rules, "a council names itself as the author of its plans", Organization.class);
				signatoryCheck(rules);
				readOnly(rules, "a council reads the access history of its children", AuditEvent.class);
				readAndWrite(rules, "a council subscribes to its own notifications", Subscription.class);
				rules.allow("a council ends its own subscriptions").delete().resourcesOfType(Subscription.class).withAnyId();
				rules.allow("a council uploads in bundles").transaction().withAnyOperation().andApplyNormalRules();
				validate(rules, Patient.class, Flag.class);
			}
			case CLINICIAN -> {
				readOnly(rules, "a clinician looks a child up", Flag.class, Patient.class, Organization.class,
						AuditEvent.class, CareTeam.class);
				rules.allow("a clinician looks a child up in one call").operation().named(LookUpQueries.CPIS_LOOKUP)
						.onType(Patient.class).andAllowAllResponses();
				signatoryCheck(rules);
				rules.allow("a health organisation records that a flagged child missed an appointment")
						.create().resourcesOfType(Appointment.class).withAnyId();
			}
			case BOARD_ADMINISTRATOR -> {
				String why = "a board administrator keeps the register of partners and boards";
				readAndWrite(rules, why, Organization.class, Group.class, PractitionerRole.class, Practitioner.class);
				for (Class<? extends IBaseResource> type :
						List.of(Organization.class, Group.class, PractitionerRole.class, Practitioner.class)) {
					// referential integrity still refuses to delete an organisation a plan names
					rules.allow(why).delete().resourcesOfType(type).withAnyId();
				}
				rules.allow("a board administrator maintains the register in bundles")
						.transaction().withAnyOperation().andApplyNormalRules();
				validate(rules, Organization.class, Group.class);
				signatoryCheck(rules);
				rules.allow("a board administrator monitors performance with figures that identify no one")
						.operation().named(RegisterOperations.STATISTICS).onServer().andAllowAllResponses();
			}
			case NONE -> {
				// no CP-IS scope: nothing is allowed
			}
		}
		rules.denyAll("No CP-IS rule allows this request for this caller");
		return rules.build();
	}

	/** Whoever may read Organizations may ask whether one is a current signatory of the agreement. */
	private static void signatoryCheck(IAuthRuleBuilder rules) {
		rules.allow("whether an organisation is a current signatory of the sharing agreement")
				.operation().named(RegisterOperations.SIGNATORY).onType(Organization.class).andAllowAllResponses();
	}

	@SafeVarargs
	private static void readOnly(IAuthRuleBuilder rules, String why, Class<? extends IBaseResource>... types) {
		for (Class<? extends IBaseResource> type : types) {
			rules.allow(why).read().resourcesOfType(type).withAnyId();
		}
	}

	@SafeVarargs
	private static void readAndWrite(IAuthRuleBuilder rules, String why, Class<? extends IBaseResource>... types) {
		readOnly(rules, why, types);
		for (Class<? extends IBaseResource> type : types) {
			rules.allow(why).create().resourcesOfType(type).withAnyId();
			rules.allow(why).write().resourcesOfType(type).withAnyId();
			rules.allow(why).createConditional().resourcesOfType(type);
			rules.allow(why).updateConditional().resourcesOfType(type);
		}
	}

	@SafeVarargs
	private static void validate(IAuthRuleBuilder rules, Class<? extends IBaseResource>... types) {
		for (Class<? extends IBaseResource> type : types) {
			rules.allow("checking a resource against its CP-IS profile stores nothing")
					.operation().named("$validate").onType(type).andAllowAllResponses();
		}
	}
}
