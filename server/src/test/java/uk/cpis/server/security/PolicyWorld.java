package uk.cpis.server.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The records the conformance suite seeds (or finds in the register), whose they are, and what each
 * persona may see of them: the expectations every case is held to.
 *
 * <p>Parties: each council ({@code medway} with la-medway, {@code reading} with la-reading) owns its
 * child, its plans, its Subscription and the AuditEvents about its records; the register
 * ({@code register}: Organizations, Groups, PractitionerRoles, Practitioners) is the board
 * administrator's; a missed Appointment belongs to nobody who may change it ({@code appointments}).
 *
 * <p>Markers: unique strings carried by the seeded records. A council sees its own markers except its
 * Subscription's header secret (write-only for everyone); a clinician sees both councils' children and
 * active plans (through a look-up by NHS number), never an entered-in-error plan, a Subscription or an
 * Appointment; the board administrator, the outsider and a token without a CP-IS scope see no marker.
 */
record PolicyWorld(List<Seeded> records, List<Marker> markers, Map<String, String> councilOrganisations) {

    static final List<String> PERSONAS =
            List.of("ed-clinician", "gp", "la-medway", "la-reading", "board-admin", "outsider", PolicyWorld.NO_SCOPE);
    /** A valid token signed by the demo key whose scope is no CP-IS scope. */
    static final String NO_SCOPE = "no-scope";

    static final List<String> CLINICIANS = List.of("ed-clinician", "gp");
    static final Map<String, String> COUNCIL_OF = Map.of("la-medway", "medway", "la-reading", "reading");
    static final Map<String, String> ODS_OF = Map.of("medway", "00LC", "reading", "00MC");
    /** Types whose records belong to one party: a record the caller may not read must look like an unknown id. */
    static final Set<String> OWNED_TYPES = Set.of("Patient", "Flag", "Subscription", "AuditEvent", "Appointment");

    static final Set<String> REGISTER_TYPES = Set.of("Organization", "Group", "PractitionerRole", "Practitioner");

    /**
     * A stored record the cases aim at.
     *
     * @param key a readable name, e.g. {@code medway.plan-active}
     * @param identifier {@code system|value} of its business identifier, if it has one
     * @param token a token search parameter and value that selects it, e.g. {@code status=active}
     * @param references references it makes to other parties' owned records (replaced in an unknown twin)
     */
    record Seeded(
            String key,
            String type,
            String id,
            String party,
            String identifier,
            String token,
            List<String> references) {

        String reference() {
            return type + "/" + id;
        }
    }

    /** A unique string of a seeded record, and the personas that may be shown it. */
    record Marker(String value, String record, Set<String> seenBy) {}

    /** The party a persona acts for, if any. */
    static Optional<String> partyOf(String persona) {
        if (COUNCIL_OF.containsKey(persona)) {
            return Optional.of(COUNCIL_OF.get(persona));
        }
        return persona.equals("board-admin") ? Optional.of("register") : Optional.empty();
    }

    static boolean owns(String persona, Seeded record) {
        return partyOf(persona).map(record.party()::equals).orElse(false);
    }

    static boolean isCouncil(String persona) {
        return COUNCIL_OF.containsKey(persona);
    }

    static boolean isClinician(String persona) {
        return CLINICIANS.contains(persona);
    }

    /**
     * Whether the persona may read the record by its id. Only for the party-owned types is a refusal
     * required to look like an unknown id; the register is shared reference data.
     */
    static boolean mayRead(String persona, Seeded record) {
        if (!OWNED_TYPES.contains(record.type())) {
            return true;
        }
        return isCouncil(persona) && owns(persona, record) && !record.type().equals("Appointment");
    }

    /**
     * Whether a search naming the record's markers may find it: its own council, and a clinician
     * looking a child or an active plan up.
     */
    static boolean mayFind(String persona, Seeded record) {
        if (!OWNED_TYPES.contains(record.type())) {
            return true;
        }
        if (isClinician(persona)) {
            return true; // a clinician's look-ups find children of every council; what it is shown is held by the
            // markers
        }
        return mayRead(persona, record);
    }

    Seeded record(String key) {
        return records.stream()
                .filter(record -> record.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(key));
    }

    List<Seeded> ofType(String type) {
        return records.stream().filter(record -> record.type().equals(type)).toList();
    }

    /** The markers this persona may not be shown. */
    List<Marker> forbiddenFor(String persona) {
        List<Marker> forbidden = new ArrayList<>();
        for (Marker marker : markers) {
            if (!marker.seenBy().contains(persona)) {
                forbidden.add(marker);
            }
        }
        return forbidden;
    }
}
