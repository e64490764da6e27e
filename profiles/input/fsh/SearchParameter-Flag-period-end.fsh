Instance: Flag-period-end
InstanceOf: SearchParameter
Usage: #definition
Title: "Flag period-end"
Description: "The date a plan ended (Flag.period.end): the board statistics count plans ended in a period with it."
* url = "https://fhir.cpis.uk/SearchParameter/Flag-period-end"
* version = "0.1.0"
* name = "CPISFlagPeriodEnd"
* status = #active
* experimental = false
* publisher = "CP-IS"
* description = "The date a plan ended (Flag.period.end): the board statistics count plans ended in a period with it."
* code = #period-end
* base = #Flag
* type = #date
* expression = "Flag.period.end"
* xpathUsage = #normal
