package uk.cpis.server.plans;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;
import ca.uhn.fhir.jpa.api.model.ExpungeOptions;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.model.sched.HapiJob;
import ca.uhn.fhir.jpa.model.sched.IHasScheduledJobs;
import ca.uhn.fhir.jpa.model.sched.ISchedulerService;
import ca.uhn.fhir.jpa.model.sched.ScheduledJobDefinition;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import uk.cpis.server.audit.AuditTrail;
import uk.cpis.server.audit.PurgeRecord;
import uk.cpis.server.database.ClusterJobLeases;

/**
 * Purges plans on the delete date their council set ({@code cpis-delete-date}): the plan is deleted
 * and its earlier versions expunged, so it is gone from look-ups, from the CareTeam view and from the
 * record's history; a child left without any plan goes the same way. Each purge is recorded (by plan
 * id and NHS number, never by content) in the same transaction as the delete. Scheduled on every
 * server; one server of a cluster runs each period ({@link ClusterJobLeases}).
 */
@Component
public class PlanPurge implements IHasScheduledJobs {

    private static final Logger log = LoggerFactory.getLogger(PlanPurge.class);
    private static final int BATCH = 200;

    private final DaoRegistry daoRegistry;
    private final IHapiTransactionService transactions;
    private final AuditTrail auditTrail;
    private final PlanReferences references;
    private final PlanPurgeProperties properties;
    private final ClusterJobLeases leases;
    private final Clock clock;

    public PlanPurge(
            DaoRegistry daoRegistry,
            IHapiTransactionService transactions,
            AuditTrail auditTrail,
            PlanReferences references,
            PlanPurgeProperties properties,
            ClusterJobLeases leases,
            Clock clock) {
        this.leases = leases;
        this.daoRegistry = daoRegistry;
        this.transactions = transactions;
        this.auditTrail = auditTrail;
        this.references = references;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void scheduleJobs(ISchedulerService scheduler) {
        ScheduledJobDefinition job =
                new ScheduledJobDefinition().setId(getClass().getName()).setJobClass(Job.class);
        scheduler.scheduleClusteredJob(properties.every().toMillis(), job);
    }

    /** The scheduled run: skipped on this server when another server of the cluster has this period's run. */
    void purgeDuePlansOncePerCluster() {
        if (leases.take(PlanPurge.class.getName(), clock.instant(), properties.every())) {
            purgeDuePlans();
        }
    }

    /** Purges every plan whose delete date has come (in England); returns how many. */
    public int purgeDuePlans() {
        LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
        int purged = 0;
        List<IBaseResource> due;
        do {
            SearchParameterMap query = SearchParameterMap.newSynchronous()
                    .add("delete-date", new DateParam(ParamPrefixEnum.LESSTHAN_OR_EQUALS, today.toString()));
            query.setCount(BATCH);
            due = plans().search(query, new SystemRequestDetails()).getAllResources();
            for (IBaseResource plan : due) {
                purge((Flag) plan);
                purged++;
            }
        } while (due.size() == BATCH);
        if (purged > 0) {
            log.info("Purged {} plans whose delete date had come", purged);
        }
        return purged;
    }

    private void purge(Flag plan) {
        IIdType planId = plan.getIdElement().toUnqualifiedVersionless();
        IIdType childId = plan.getSubject().getReferenceElement().toUnqualifiedVersionless();
        SystemRequestDetails server = new SystemRequestDetails();
        boolean childGoes = transactions.withSystemRequest().execute(() -> {
            Patient child = children().read(childId, server);
            auditTrail.store(
                    PurgeRecord.of(plan, child, references.authorOds(plan).orElse(null), clock.instant()));
            deleteKeepingAuditRecords(plans(), planId, server);
            if (hasNoOtherPlans(childId)) {
                deleteKeepingAuditRecords(children(), childId, server);
                return true;
            }
            return false;
        });
        ExpungeOptions earlierVersions = new ExpungeOptions().setExpungeOldVersions(true);
        plans().forceExpungeInExistingTransaction(planId, earlierVersions, server);
        if (childGoes) {
            children().forceExpungeInExistingTransaction(childId, earlierVersions, server);
        }
    }

    /**
     * Deletes without the referential integrity check, which would refuse: the audit records of the
     * looks at this plan and child refer to it, and must stay (the plans and child are checked by hand).
     */
    private static void deleteKeepingAuditRecords(IFhirResourceDao<?> dao, IIdType id, SystemRequestDetails server) {
        dao.delete(id, new DeleteConflictList(), server, new TransactionDetails());
    }

    private boolean hasNoOtherPlans(IIdType childId) {
        SearchParameterMap others =
                SearchParameterMap.newSynchronous().add("subject", new ReferenceParam(childId.getValue()));
        others.setCount(1);
        return plans().searchForResourceIds(others, new SystemRequestDetails()).isEmpty();
    }

    private IFhirResourceDao<Flag> plans() {
        return daoRegistry.getResourceDao(Flag.class);
    }

    private IFhirResourceDao<Patient> children() {
        return daoRegistry.getResourceDao(Patient.class);
    }

    /** Quartz creates this and injects the purge into it (HAPI's job factory autowires fields). */
    public static class Job implements HapiJob {

        @Autowired
        private PlanPurge purge;

        @Override
        public void execute(JobExecutionContext context) {
            purge.purgeDuePlansOncePerCluster();
        }
    }
}
