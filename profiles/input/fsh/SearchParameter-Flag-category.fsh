Instance: Flag-category
InstanceOf: SearchParameter
Usage: #definition
Title: "Flag category"
Description: "Category of a flag; CP-IS flags carry https://fhir.cpis.uk/CodeSystem/cpis-flag-category|child-protection."
* url = "https://fhir.cpis.uk/SearchParameter/Flag-category"
* version = "0.1.0"
* name = "CPISFlagCategory"
* status = #active
* experimental = false
* publisher = "CP-IS"
* description = "Category of a flag; CP-IS flags carry https://fhir.cpis.uk/CodeSystem/cpis-flag-category|child-protection."
* code = #category
* base = #Flag
* type = #token
* expression = "Flag.category"
* xpathUsage = #normal
