Instance: PractitionerRole-board-role
InstanceOf: SearchParameter
Usage: #definition
Title: "PractitionerRole board-role"
Description: "Role of a board seat (chair, vice-chair, member, substitute, signatory)."
* url = "https://fhir.cpis.uk/SearchParameter/PractitionerRole-board-role"
* version = "0.1.0"
* name = "CPISPractitionerRoleBoardRole"
* status = #active
* experimental = false
* publisher = "CP-IS"
* description = "Role of a board seat (chair, vice-chair, member, substitute, signatory)."
* code = #board-role
* base = #PractitionerRole
* type = #token
* expression = "PractitionerRole.code"
* xpathUsage = #normal
