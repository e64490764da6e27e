CodeSystem: CPISAuditEntityRole
Id: cpis-audit-entity-role
Title: "CP-IS Audit Entity Role"
Description: "Roles of entities in a CP-IS access AuditEvent that the standard object-role codes do not cover."
* ^caseSensitive = true
* ^experimental = false
* #responsible-local-authority "Responsible local authority" "The local authority that owns the record that was accessed and is notified of the access."
