package uk.cpis.server;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.cpis.server.appointments.MissedAppointments;
import uk.cpis.server.audit.CouncilReadAudit;
import uk.cpis.server.audit.RefusalAudit;
import uk.cpis.server.audit.ServerWrittenOnly;
import uk.cpis.server.audit.WriteAudit;
import uk.cpis.server.boards.NoAccountabilityCycle;
import uk.cpis.server.boards.NoPeriodEndsBeforeItStarts;
import uk.cpis.server.boards.RegisterBundles;
import uk.cpis.server.boards.SeatsNameRegisteredOrganisations;
import uk.cpis.server.boards.UniqueOdsCodes;
import uk.cpis.server.fhir.AnswersWithoutInternals;
import uk.cpis.server.fhir.BatchEntryRejections;
import uk.cpis.server.fhir.CapabilityStatementDescription;
import uk.cpis.server.fhir.EndpointInterceptors;
import uk.cpis.server.fhir.InterceptorOrder;
import uk.cpis.server.fhir.RefusedTransactionEntry;
import uk.cpis.server.http.ErrorResponses;
import uk.cpis.server.http.RequestBodyRules;
import uk.cpis.server.http.RequestLog;
import uk.cpis.server.lookup.LookUpAudit;
import uk.cpis.server.lookup.RepeatAttendanceWarning;
import uk.cpis.server.notifications.CouncilNotificationView;
import uk.cpis.server.notifications.NotificationStorageHooks;
import uk.cpis.server.notifications.SubscriptionRules;
import uk.cpis.server.notifications.SubscriptionSecrets;
import uk.cpis.server.openapi.OpenApiDocument;
import uk.cpis.server.patients.ChildOwnership;
import uk.cpis.server.patients.NhsNumberRule;
import uk.cpis.server.plans.PlanAuthorRule;
import uk.cpis.server.plans.PlanRules;
import uk.cpis.server.plans.RetryCollidingUploads;
import uk.cpis.server.profiles.ProfileEnforcement;
import uk.cpis.server.profiles.ValidateAgainstCpisProfiles;
import uk.cpis.server.security.CpisAccessRules;
import uk.cpis.server.security.LookUpQueries;
import uk.cpis.server.security.PagingLinks;
import uk.cpis.server.security.PolicyCapabilityStatement;
import uk.cpis.server.security.RecordVisibility;
import uk.cpis.server.security.RequestGate;
import uk.cpis.server.security.SharingAgreement;

/**
 * Every HAPI interceptor on the CP-IS FHIR endpoint, registered here and nowhere else, in the order
 * a request meets them. Hooks on the same pointcut run by their {@link InterceptorOrder} first, then
 * in this list's order. Hooks that must also see the server's own writes (sample data, access
 * records) are registered on HAPI's storage interceptor service instead ({@link #storageInterceptors}).
 */
@Configuration
class InterceptorChain {

    static final List<Class<?>> IN_ORDER = List.of(
            // 1. The request as it arrives: logged (never its body), its body's size and form checked.
            RequestLog.class,
            RequestBodyRules.class,
            // 2. The access policy, on the request exactly as sent (ACCESS_POLICY), then paging links'
            // owner, then what the policy's declaration cannot say (one child per look-up, a council's
            // searches narrowed to its own records).
            RequestGate.class,
            PagingLinks.class,
            SubscriptionRules.class,
            LookUpQueries.class,
            ValidateAgainstCpisProfiles.class,
            // 3. A write, before it is stored: each rule's order (NHS number, plan author, ownership,
            // business rules) is in InterceptorOrder; then the profiles; then records the write.
            RefusedTransactionEntry.class,
            ServerWrittenOnly.class,
            ProfileEnforcement.class,
            NhsNumberRule.class,
            PlanAuthorRule.class,
            ChildOwnership.class,
            MissedAppointments.class,
            WriteAudit.class,
            RegisterBundles.class,
            NoPeriodEndsBeforeItStarts.class,
            SeatsNameRegisteredOrganisations.class,
            UniqueOdsCodes.class,
            NoAccountabilityCycle.class,
            PlanRules.class,
            RetryCollidingUploads.class,
            // 4. What a caller may be shown of stored records: a council's notifications as its view,
            // HAPI's rule list built from the policy (an AuthorizationInterceptor: HAPI runs its hooks at
            // its own order, 200, after every CP-IS hook of the same pointcut), ownership record by record.
            CouncilNotificationView.class,
            CpisAccessRules.class,
            RecordVisibility.class,
            // 5. The answer: shaped, warned about, recorded before a byte is sent, secrets and internals removed.
            BatchEntryRejections.class,
            RepeatAttendanceWarning.class,
            LookUpAudit.class,
            CouncilReadAudit.class,
            SubscriptionSecrets.class,
            AnswersWithoutInternals.class,
            // 6. Errors: HAPI's wording made safe and clear, every refusal recorded.
            ErrorResponses.class,
            RefusalAudit.class,
            // 7. The CapabilityStatement: only what the policy allows, with the CP-IS description; the
            // OpenAPI document and Swagger UI made from it (served before a handler is chosen, open like it).
            PolicyCapabilityStatement.class,
            CapabilityStatementDescription.class,
            OpenApiDocument.class);

    @Bean
    EndpointInterceptors endpointInterceptors(ApplicationContext context) {
        List<Object> interceptors = new ArrayList<>();
        IN_ORDER.forEach(type -> interceptors.add(context.getBean(type)));
        // HAPI's HTML view of answers, for a tester's browser
        interceptors.add(new ResponseHighlighterInterceptor());
        return new EndpointInterceptors(List.copyOf(interceptors));
    }

    /**
     * On the storage layer, which sees every write, the server's own included: the sharing register
     * drops what it holds when the register changes, an access record's care setting is noted, and
     * every notification is queued in the transaction that stores it.
     */
    @Bean(destroyMethod = "unregister")
    StorageInterceptors storageInterceptors(
            IInterceptorService storage, SharingAgreement sharingAgreement, NotificationStorageHooks notifications) {
        List<Object> interceptors = new ArrayList<>();
        interceptors.add(sharingAgreement);
        interceptors.addAll(notifications.interceptors());
        return new StorageInterceptors(storage, List.copyOf(interceptors)).register();
    }

    /** The hooks registered on HAPI's storage interceptor service, unregistered when the server stops. */
    record StorageInterceptors(IInterceptorService storage, List<Object> inOrder) {

        StorageInterceptors register() {
            inOrder.forEach(storage::registerInterceptor);
            return this;
        }

        void unregister() {
            inOrder.forEach(storage::unregisterInterceptor);
        }
    }
}
