Instance: AuditEvent-responsible-la
InstanceOf: SearchParameter
Usage: #definition
Title: "AuditEvent responsible-la"
Description: "The local authority that owns the accessed record (the AuditEvent entity with role responsible-local-authority): lets a local authority list accesses to its records."
* url = "https://fhir.cpis.uk/SearchParameter/AuditEvent-responsible-la"
* version = "0.1.0"
* name = "CPISAuditEventResponsibleLA"
* status = #active
* experimental = false
* publisher = "CP-IS"
* description = "The local authority that owns the accessed record (the AuditEvent entity with role responsible-local-authority): lets a local authority list accesses to its records."
* code = #responsible-la
* base = #AuditEvent
* type = #reference
* expression = "AuditEvent.entity.where(role.code = 'responsible-local-authority').what"
* xpathUsage = #normal
* target = #Organization
