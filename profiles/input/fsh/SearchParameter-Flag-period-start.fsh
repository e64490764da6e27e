Instance: Flag-period-start
InstanceOf: SearchParameter
Usage: #definition
Title: "Flag period-start"
Description: "The date a plan started (Flag.period.start): the board statistics count plans started in a period and plans active at its end with it."
* url = "https://fhir.cpis.uk/SearchParameter/Flag-period-start"
* version = "0.1.0"
* name = "CPISFlagPeriodStart"
* status = #active
* experimental = false
* publisher = "CP-IS"
* description = "The date a plan started (Flag.period.start): the board statistics count plans started in a period and plans active at its end with it."
* code = #period-start
* base = #Flag
* type = #date
* expression = "Flag.period.start"
* xpathUsage = #normal
