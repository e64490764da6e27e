Instance: Flag-status
InstanceOf: SearchParameter
Usage: #definition
Title: "Flag status"
Description: "Status of a CP-IS flag (active, inactive, entered-in-error)."
* url = "https://fhir.cpis.uk/SearchParameter/Flag-status"
* version = "0.1.0"
* name = "CPISFlagStatus"
* status = #active
* experimental = false
* publisher = "CP-IS"
* description = "Status of a CP-IS flag (active, inactive, entered-in-error)."
* code = #status
* base = #Flag
* type = #token
* expression = "Flag.status"
* xpathUsage = #normal
