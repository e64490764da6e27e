/**
 * The CP-IS contract in code: every identifier system, canonical URL, code, operation name and served
 * type that the CP-IS package ({@code profiles/}) defines or uses, written once. The server and the
 * tests use these constants instead of retyping the strings; {@code ContractMatchesPackageTest} fails
 * if a CP-IS URL or code here is missing from the package the server loads.
 *
 * <p>This package depends on nothing else in the server, so every capability may use it.
 */
package uk.cpis.server.contract;
