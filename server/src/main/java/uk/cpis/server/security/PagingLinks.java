package uk.cpis.server.security;

import ca.uhn.fhir.i18n.Msg;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uk.cpis.server.database.HapiIndexTables;
import uk.cpis.server.fhir.InterceptorOrder;

/**
 * A paging link ({@code _getpages=<search id>}) belongs to the caller who made the search: the same
 * user of the same organisation. HAPI serves a stored search's pages to anyone who has the link, and
 * the pages were worked out with the first caller's rights, so another caller replaying it would see
 * that caller's records. The owner of each search that has a next page is kept in the table
 * {@value #TABLE} (so every server on the database knows it); a link whose owner is someone else, or
 * that names no search, is 404, alike.
 *
 * <p>Some clients (@medplum/core's {@code searchResourcePages}) do not follow the {@code next} link as
 * it is: they send its parameters to the type they searched, {@code GET /fhir/Patient?_getpages=…}.
 * That form is answered as the link itself, through the same gate and owner check, when the type is
 * the searched one; for any other type it is 404 like an unknown search.
 */
@Component
@Interceptor
public class PagingLinks {

    static final String TABLE = "cpis_search_owner";
    private static final String TYPED_PAGE = PagingLinks.class.getName() + ".typedPage";
    private static final Pattern SEARCH_ID = Pattern.compile("[?&]" + Constants.PARAM_PAGINGACTION + "=([^&]+)");

    private final JdbcTemplate jdbc;
    private final HapiIndexTables hapiTables;
    private final CurrentCaller currentCaller;
    private final Clock clock;

    public PagingLinks(DataSource dataSource, HapiIndexTables hapiTables, CurrentCaller currentCaller, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.hapiTables = hapiTables;
        this.currentCaller = currentCaller;
        this.clock = clock;
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (search_id VARCHAR(64) NOT NULL PRIMARY KEY,"
                + " owner VARCHAR(300) NOT NULL, created TIMESTAMP WITH TIME ZONE NOT NULL)");
    }

    /**
     * {@code GET /fhir/{type}?_getpages=…} becomes the paging request {@code GET /fhir?_getpages=…}
     * before HAPI picks its handler (HAPI binds paging to the base URL only and would answer 400); the
     * type is kept to be checked against the search's own in {@link #onlyOwnPages}.
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
    public void pagingLinkSentToItsType(RequestDetails request) {
        if (request.getRequestType() == RequestTypeEnum.GET
                && request.getResourceName() != null
                && request.getId() == null
                && request.getOperation() == null
                && request.getParameters().containsKey(Constants.PARAM_PAGINGACTION)) {
            request.getUserData().put(TYPED_PAGE, request.getResourceName());
            request.setResourceName(null);
        }
    }

    /** Only the search's own caller may follow its links. */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = InterceptorOrder.PAGING_LINK_OWNER)
    public void onlyOwnPages(RequestDetails request) {
        if (request.getRestOperationType() != RestOperationTypeEnum.GET_PAGE) {
            return;
        }
        String[] ids = request.getParameters().get(Constants.PARAM_PAGINGACTION);
        String searchId = ids == null || ids.length != 1 ? "" : ids[0];
        List<String> owners =
                jdbc.queryForList("SELECT owner FROM " + TABLE + " WHERE search_id = ?", String.class, searchId);
        if (owners.isEmpty() || !owners.get(0).equals(owner()) || !ofTheTypeNamed(request, searchId)) {
            throw new ResourceNotFoundException(
                    Msg.code(2001) + "Search \"" + searchId + "\" is not known (a paging link"
                            + " works only for the caller who made the search, until it expires)");
        }
    }

    /** Sent as {@code /fhir/{type}?_getpages=…}: that type must be the one the search was of (HAPI's search table). */
    private boolean ofTheTypeNamed(RequestDetails request, String searchId) {
        Object type = request.getUserData().get(TYPED_PAGE);
        return type == null || hapiTables.typeOfSearch(searchId).contains(type.toString());
    }

    /** A search with a next page: its links are its caller's. */
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void rememberOwner(RequestDetails request, ResponseDetails response) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if ((operation != RestOperationTypeEnum.SEARCH_TYPE && operation != RestOperationTypeEnum.SEARCH_SYSTEM)
                || !(response.getResponseResource() instanceof Bundle bundle)
                || bundle.getLink(Bundle.LINK_NEXT) == null) {
            return;
        }
        Matcher searchId = SEARCH_ID.matcher(bundle.getLink(Bundle.LINK_NEXT).getUrl());
        if (searchId.find()
                && jdbc.queryForList(
                                "SELECT owner FROM " + TABLE + " WHERE search_id = ?", String.class, searchId.group(1))
                        .isEmpty()) {
            jdbc.update(
                    "INSERT INTO " + TABLE + " (search_id, owner, created) VALUES (?, ?, ?)",
                    searchId.group(1),
                    owner(),
                    Timestamp.from(clock.instant()));
        }
    }

    private String owner() {
        return currentCaller
                .identity()
                .map(caller -> caller.userId() + "|" + caller.odsCode())
                .orElse("");
    }
}
