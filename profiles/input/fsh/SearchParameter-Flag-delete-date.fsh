Instance: Flag-delete-date
InstanceOf: SearchParameter
Usage: #definition
Title: "Flag delete-date"
Description: "The date on which the responsible local authority wants the plan purged (the server's purge job finds due plans with it)."
* url = "https://fhir.cpis.uk/SearchParameter/Flag-delete-date"
* version = "0.1.0"
* name = "CPISFlagDeleteDate"
* status = #active
* experimental = false
* publisher = "CP-IS"
* description = "The date on which the responsible local authority wants the plan purged (the server's purge job finds due plans with it)."
* code = #delete-date
* base = #Flag
* type = #date
* expression = "Flag.extension('https://fhir.cpis.uk/StructureDefinition/cpis-delete-date').value"
* xpathUsage = #normal
