Instance: Group-accountable-to
InstanceOf: SearchParameter
Usage: #definition
Title: "Group accountable-to"
Description: "The board a board is accountable to."
* url = "https://fhir.cpis.uk/SearchParameter/Group-accountable-to"
* version = "0.1.0"
* name = "CPISGroupAccountableTo"
* status = #active
* experimental = false
* publisher = "CP-IS"
* description = "The board a board is accountable to."
* code = #accountable-to
* base = #Group
* type = #reference
* expression = "Group.extension('https://fhir.cpis.uk/StructureDefinition/cpis-board-accountable-to').value"
* xpathUsage = #normal
* target = #Group
