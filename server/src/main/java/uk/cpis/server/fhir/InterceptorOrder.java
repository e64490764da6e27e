package uk.cpis.server.fhir;

/**
 * The order in which CP-IS hooks on the same HAPI pointcut run (lower first; HAPI's default is 0).
 * Named here, in one place, because the order is part of the rules: the access policy looks at a
 * request before anything narrows or rewrites it, and the stored-record rules that name the problem
 * most precisely run before the broader ones. Hooks of equal order run in the order of
 * {@code uk.cpis.server.InterceptorChain}.
 */
public final class InterceptorOrder {

    /** Incoming request: the allow-list sees the request exactly as the caller sent it. */
    public static final int ACCESS_POLICY = -200;
    /** Incoming request: a paging link is its searcher's alone, checked right after the allow-list. */
    public static final int PAGING_LINK_OWNER = ACCESS_POLICY + 1;
    /** Outgoing response: a Subscription's secret headers are masked before any other hook reads the answer. */
    public static final int MASK_SECRETS = -1000;
    /** Storage, before a write: which transaction entry is being written, noted before any rule can refuse it. */
    public static final int ENTRY_BEING_WRITTEN = -10_000;
    /** Storage, before a write: a child's NHS number is checked first (its rule names the exact problem). */
    public static final int NHS_NUMBER_RULE = -100;
    /** Storage, before a write: a plan's author is the writing council (says which council, reveals nothing stored). */
    public static final int PLAN_AUTHOR_RULE = -95;
    /** Storage, before a write: a council writes and references only its own records. */
    public static final int OWNERSHIP_RULE = -90;
    /** Storage, before a write: the plan and register business rules. */
    public static final int BUSINESS_RULES = -50;
    /** Outgoing exception: an unknown or purged record reads as not known, before errors are shaped. */
    public static final int NOT_KNOWN = -100;
    /** Outgoing exception: a refused transaction's issues say which entry, before errors are shaped. */
    public static final int REFUSED_ENTRY = -5;
    /** Outgoing exception: the register's own wording of HAPI's constraint errors. */
    public static final int REGISTER_MESSAGES = -10;

    private InterceptorOrder() {}
}
