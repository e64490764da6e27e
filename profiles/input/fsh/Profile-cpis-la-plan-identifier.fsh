// The identifier a local authority gives a plan. Its system names the LA (by ODS code), so the Flag's laPlanId
// slice cannot be told apart by a fixed system value; it is discriminated by conformance to this profile.
Profile: CPISLAPlanIdentifier
Parent: Identifier
Id: cpis-la-plan-identifier
Title: "CP-IS Local Authority Plan Identifier"
Description: "The local authority's own identifier of a CP-IS record (plan): system https://fhir.cpis.uk/Id/la-plan-id/{ODS code of the local authority}, value the LA's plan id. Lets the LA update its own records by identifier."
* ^experimental = false
* obeys cpis-la-plan-id-1
* system 1..1
* system ^short = "https://fhir.cpis.uk/Id/la-plan-id/{ODS code of the local authority}"
* value 1..1
* value ^short = "The local authority's id of the plan"

Invariant: cpis-la-plan-id-1
Description: "A local authority plan id's system is https://fhir.cpis.uk/Id/la-plan-id/ followed by the ODS code of the local authority."
Severity: #error
Expression: "system.startsWith('https://fhir.cpis.uk/Id/la-plan-id/') and system.length() > 35"
