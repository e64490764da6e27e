ValueSet: CPISAuditEntityRoleVS
Id: cpis-audit-entity-role
Title: "CP-IS Audit Entity Role"
Description: "All codes of the CodeSystem cpis-audit-entity-role. Roles of entities in a CP-IS access AuditEvent that the standard object-role codes do not cover."
* ^name = "CPISAuditEntityRole"
* ^experimental = false
* include codes from system CPISAuditEntityRole
