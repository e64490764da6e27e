package uk.cpis.server.boards;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.Extensions;
import uk.cpis.server.fhir.RejectReason;
import uk.cpis.server.fhir.Rejection;

/**
 * No board is accountable to itself, directly or through a chain of boards: 422
 * {@code accountability-cycle}, naming the chain. Checked just before commit, when the references
 * of an upload are resolved, so a cycle made by two boards of one bundle is found too.
 */
@Component
@Interceptor
public class NoAccountabilityCycle {

    private final DaoRegistry daoRegistry;

    public NoAccountabilityCycle(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void beforeCommitCreate(IBaseResource resource) {
        if (resource instanceof Group board) {
            refuseAccountabilityCycle(board);
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void beforeCommitUpdate(IBaseResource oldResource, IBaseResource newResource) {
        beforeCommitCreate(newResource);
    }

    private void refuseAccountabilityCycle(Group board) {
        String self = "Group/" + board.getIdElement().getIdPart();
        Map<String, String> cameFrom = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        names.put(self, board.getName());
        Deque<String> todo = new ArrayDeque<>();
        for (String target : accountableTo(board)) {
            cameFrom.putIfAbsent(target, self);
            todo.add(target);
        }
        while (!todo.isEmpty()) {
            String current = todo.poll();
            if (current.equals(self)) {
                throw Rejection.unprocessable(
                        RejectReason.ACCOUNTABILITY_CYCLE,
                        "Group.extension(cpis-board-accountable-to): "
                                + "the board would be accountable to itself: " + chain(self, cameFrom, names)
                                + "; a board is accountable only to boards above it",
                        "Group.extension");
            }
            Optional<Group> next = storedGroup(current);
            if (next.isEmpty()) {
                continue;
            }
            names.put(current, next.get().getName());
            for (String target : accountableTo(next.get())) {
                if (!cameFrom.containsKey(target)) {
                    cameFrom.put(target, current);
                    todo.add(target);
                }
            }
        }
    }

    /** self → … → self, named, from the breadth-first search's back links. */
    private static String chain(String self, Map<String, String> cameFrom, Map<String, String> names) {
        List<String> path = new ArrayList<>();
        String at = self;
        do {
            path.add(0, label(at, names));
            at = cameFrom.get(at);
        } while (at != null && !at.equals(self) && path.size() < 50);
        path.add(0, label(self, names));
        return String.join(" → ", path);
    }

    private static String label(String reference, Map<String, String> names) {
        String name = names.get(reference);
        return name == null ? reference : name + " (" + reference + ")";
    }

    private static List<String> accountableTo(Group board) {
        List<String> targets = new ArrayList<>();
        for (Extension extension : board.getExtensionsByUrl(Extensions.BOARD_ACCOUNTABLE_TO)) {
            if (extension.getValue() instanceof Reference reference
                    && reference.hasReference()
                    && "Group".equals(reference.getReferenceElement().getResourceType())
                    && reference.getReferenceElement().hasIdPart()) {
                targets.add("Group/" + reference.getReferenceElement().getIdPart());
            }
        }
        return targets;
    }

    private Optional<Group> storedGroup(String reference) {
        try {
            return Optional.of((Group) daoRegistry
                    .getResourceDao("Group")
                    .read(new org.hl7.fhir.r4.model.IdType(reference), new SystemRequestDetails()));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }
}
