Instance: AuditEvent-access-type
InstanceOf: SearchParameter
Usage: #definition
Title: "AuditEvent access-type"
Description: "Whether the access was unscheduled (recorded and notified) or scheduled (silent)."
* url = "https://fhir.cpis.uk/SearchParameter/AuditEvent-access-type"
* version = "0.1.0"
* name = "CPISAuditEventAccessType"
* status = #active
* experimental = false
* publisher = "CP-IS"
* description = "Whether the access was unscheduled (recorded and notified) or scheduled (silent)."
* code = #access-type
* base = #AuditEvent
* type = #token
* expression = "AuditEvent.extension('https://fhir.cpis.uk/StructureDefinition/cpis-access-type').value"
* xpathUsage = #normal
