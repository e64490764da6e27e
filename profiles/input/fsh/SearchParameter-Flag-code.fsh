Instance: Flag-code
InstanceOf: SearchParameter
Usage: #definition
Title: "Flag code"
Description: "Plan type of a CP-IS flag (SNOMED CT code: child protection plan, looked after child, unborn child protection plan)."
* url = "https://fhir.cpis.uk/SearchParameter/Flag-code"
* version = "0.1.0"
* name = "CPISFlagCode"
* status = #active
* experimental = false
* publisher = "CP-IS"
* description = "Plan type of a CP-IS flag (SNOMED CT code: child protection plan, looked after child, unborn child protection plan)."
* code = #code
* base = #Flag
* type = #token
* expression = "Flag.code"
* xpathUsage = #normal
