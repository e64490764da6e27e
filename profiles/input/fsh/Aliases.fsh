// Code systems and identifier systems used across the CP-IS FSH files.
Alias: $sct = http://snomed.info/sct
Alias: $nhs-number = https://fhir.nhs.uk/Id/nhs-number
Alias: $ods-org = https://fhir.nhs.uk/Id/ods-organization-code
Alias: $ods-site = https://fhir.nhs.uk/Id/ods-site-code
Alias: $sds-user = https://fhir.nhs.uk/Id/sds-user-id
Alias: $sds-role-profile = https://fhir.nhs.uk/Id/sds-role-profile-id
Alias: $sds-job-role = https://fhir.nhs.uk/CodeSystem/NHSDigital-SDS-JobRoleCode
Alias: $audit-event-type = http://terminology.hl7.org/CodeSystem/audit-event-type
Alias: $restful-interaction = http://hl7.org/fhir/restful-interaction
Alias: $v3-ParticipationType = http://terminology.hl7.org/CodeSystem/v3-ParticipationType
Alias: $v3-RoleClass = http://terminology.hl7.org/CodeSystem/v3-RoleClass
Alias: $dcm = http://dicom.nema.org/resources/ontology/DCM
Alias: $object-role = http://terminology.hl7.org/CodeSystem/object-role
Alias: $audit-entity-type = http://terminology.hl7.org/CodeSystem/audit-entity-type
Alias: $security-source-type = http://terminology.hl7.org/CodeSystem/security-source-type
