package uk.cpis.server.boards;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntSupplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import uk.cpis.server.boards.BoardStatistics.Category;
import uk.cpis.server.boards.BoardStatistics.Council;
import uk.cpis.server.boards.BoardStatistics.PlanFigures;
import uk.cpis.server.boards.BoardStatistics.Scope;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.Extensions;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.contract.Operations;
import uk.cpis.server.fhir.CpisProvider;

/**
 * {@code GET /fhir/$cpis-statistics?start=YYYY-MM&end=YYYY-MM[&council={ODS code}]}: the figures a board
 * monitors, for board administrators only, as a Parameters resource with one {@code figure} parameter per
 * figure (its {@code code}, for plan figures its {@code category}, and its {@code count}), for whole
 * calendar months that have passed ({@link ReportingPeriod}; {@code start} may also be a month's first
 * day and {@code end} its last, {@code YYYY-MM-DD}). No figure, and no difference of figures, identifies
 * anyone ({@link DisclosureControl}): a count below {@value DisclosureControl#THRESHOLD} is suppressed, its
 * {@code count} sent without a value and with the data-absent-reason {@code masked}; every other count is
 * rounded to the nearest {@value DisclosureControl#ROUNDING_BASE}, each figure from its own exact count.
 * The answer's {@code start} and {@code end} are the days counted, {@code suppression-threshold} and
 * {@code rounding-base} the method's two numbers.
 */
@Component
public class StatisticsOperation implements CpisProvider {

    private final BoardStatistics statistics;
    private final DaoRegistry daoRegistry;
    private final Clock clock;

    public StatisticsOperation(BoardStatistics statistics, DaoRegistry daoRegistry, Clock clock) {
        this.statistics = statistics;
        this.daoRegistry = daoRegistry;
        this.clock = clock;
    }

    @Operation(name = Operations.STATISTICS, idempotent = true)
    @Description(
            shortDefinition =
                    "Board statistics for whole calendar months that have passed, nationally or for one council",
            value =
                    "Counts below 5 are suppressed (data-absent-reason masked) and every other count is rounded to the nearest 5, "
                            + "each figure from its own exact count, so that no figure or difference of figures reveals a small number.")
    @Transactional(readOnly = true)
    public Parameters statistics(
            @Description(
                            shortDefinition =
                                    "The first month, YYYY-MM, or its first day, YYYY-MM-DD; any other day is refused (400)")
                    @OperationParam(name = "start", min = 1, max = 1)
                    StringType start,
            @Description(
                            shortDefinition =
                                    "The last month, YYYY-MM, or its last day, YYYY-MM-DD; any other day is refused (400); "
                                            + "a month not yet over is cut back to the last whole month")
                    @OperationParam(name = "end", min = 1, max = 1)
                    StringType end,
            @Description(shortDefinition = "The ODS code of one council; absent: all councils")
                    @OperationParam(name = "council", min = 0, max = 1)
                    StringType council) {
        ReportingPeriod period = ReportingPeriod.requested(
                text(start),
                text(end),
                clock.instant().atZone(ZoneId.systemDefault()).toLocalDate());
        LocalDate first = period.start();
        LocalDate last = period.end();
        Scope scope = new Scope(first, last, Optional.empty());
        Parameters answer = new Parameters();
        answer.addParameter().setName("start").setValue(new DateType(first.toString()));
        answer.addParameter().setName("end").setValue(new DateType(last.toString()));
        if (council != null && council.hasValue()) {
            String ods = council.getValue().trim();
            IBaseResource organisation = councilNamed(ods);
            String reference = "Organization/" + organisation.getIdElement().getIdPart();
            long pid = statistics.organisationPid(organisation.getIdElement().getIdPart());
            scope = new Scope(first, last, Optional.of(new Council(reference, pid, ods)));
            answer.addParameter()
                    .setName("council")
                    .setValue(new Reference(reference)
                            .setIdentifier(new Identifier()
                                    .setSystem(IdentifierSystems.ODS_CODE)
                                    .setValue(ods))
                            .setDisplay(((org.hl7.fhir.r4.model.Organization) organisation).getName()));
        }
        answer.addParameter().setName("suppression-threshold").setValue(new IntegerType(DisclosureControl.THRESHOLD));
        answer.addParameter().setName("rounding-base").setValue(new IntegerType(DisclosureControl.ROUNDING_BASE));

        Scope of = scope;
        PlanFigures plans = statistics.planFigures(of);
        for (Category category : categoriesAndAll()) {
            figure(answer, "active-plans", category, () -> plans.of(category).active());
        }
        for (Category category : categoriesAndAll()) {
            figure(answer, "plans-started", category, () -> plans.of(category).started());
        }
        for (Category category : categoriesAndAll()) {
            figure(answer, "plans-ended", category, () -> plans.of(category).ended());
        }
        figure(answer, "unscheduled-accesses", null, () -> statistics.unscheduledAccesses(of));
        figure(answer, "children-accessed", null, () -> statistics.childrenAccessed(of));
        figure(answer, "repeat-attendance-alerts", null, () -> statistics.repeatAttendanceAlerts(of));
        figure(answer, "notifications-delivered", null, () -> statistics.notificationsDelivered(of));
        answer.addParameter().setName("generated").setValue(new InstantType(Date.from(clock.instant())));
        return answer;
    }

    private static List<Category> categoriesAndAll() {
        List<Category> all = new java.util.ArrayList<>();
        all.add(null);
        all.addAll(List.of(Category.values()));
        return all;
    }

    private static void figure(Parameters answer, String code, Category category, IntSupplier counting) {
        ParametersParameterComponent figure = start(answer, code, category);
        OptionalInt published = DisclosureControl.published(counting.getAsInt());
        if (published.isEmpty()) {
            IntegerType masked = new IntegerType();
            masked.addExtension(Extensions.DATA_ABSENT_REASON, new CodeType("masked"));
            figure.addPart().setName("count").setValue(masked);
            figure.addPart()
                    .setName("note")
                    .setValue(new StringType("suppressed: fewer than " + DisclosureControl.THRESHOLD));
        } else {
            figure.addPart().setName("count").setValue(new IntegerType(published.getAsInt()));
        }
    }

    private static ParametersParameterComponent start(Parameters answer, String code, Category category) {
        ParametersParameterComponent figure = answer.addParameter().setName("figure");
        figure.addPart().setName("code").setValue(new CodeType(code));
        if (category != null) {
            figure.addPart()
                    .setName("category")
                    .setValue(new Coding(CodeSystems.SNOMED, category.snomed, category.display));
        }
        return figure;
    }

    private IBaseResource councilNamed(String ods) {
        return daoRegistry
                .getResourceDao("Organization")
                .search(
                        SearchParameterMap.newSynchronous()
                                .add("identifier", new TokenParam(IdentifierSystems.ODS_CODE, ods)),
                        new SystemRequestDetails())
                .getAllResources()
                .stream()
                .findFirst()
                .orElseThrow(
                        () -> new InvalidRequestException(Operations.STATISTICS + ": no organisation with ODS code "
                                + ods + " is registered (council={ODS code of the council})"));
    }

    private static String text(StringType value) {
        return value == null ? null : value.getValue();
    }
}
