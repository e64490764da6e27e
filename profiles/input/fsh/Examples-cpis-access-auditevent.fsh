// Valid examples of cpis-access-auditevent.

Instance: cpis-access-unscheduled
InstanceOf: CPISAccessAuditEvent
Usage: #example
Title: "Unscheduled access from an emergency department"
Description: "A nurse in an emergency department searched CP-IS by NHS number and was shown a child protection plan; the access is recorded and notified to the local authority."
* extension[accessType].valueCode = #unscheduled
* extension[careSetting].valueCoding = CPISCareSetting#emergency-department "Emergency department"
* type = $audit-event-type#rest "RESTful Operation"
* subtype[+] = $restful-interaction#search-type "search-type"
* action = #R
* recorded = "2025-07-14T02:17:43Z"
* outcome = #0
* agent[user].type = $v3-ParticipationType#IRCP "information recipient"
* agent[user].requestor = true
* agent[user].who.identifier.system = $sds-user
* agent[user].who.identifier.value = "555021935107"
* agent[user].who.display = "Sam Jones"
* agent[user].role[+] = $sds-job-role#R8001 "Nurse"
* agent[organization].type = $v3-RoleClass#PROV "healthcare provider"
* agent[organization].requestor = false
* agent[organization].who.identifier.system = $ods-org
* agent[organization].who.identifier.value = "X99T1"
* agent[organization].who.display = "Example Hospitals NHS Foundation Trust"
* agent[server].type = $dcm#110153 "Source Role ID"
* agent[server].requestor = false
* agent[server].who.display = "CP-IS FHIR server"
* source.observer.display = "CP-IS FHIR server"
* source.type[+] = $security-source-type#4 "Application Server"
* entity[patient].what = Reference(cpis-patient-child-cpp)
* entity[patient].what.identifier.system = $nhs-number
* entity[patient].what.identifier.value = "9990001014"
* entity[patient].type = $audit-entity-type#1 "Person"
* entity[patient].role = $object-role#1 "Patient"
* entity[flag].what = Reference(cpis-flag-cpp)
* entity[flag].type = $audit-entity-type#2 "System Object"
* entity[flag].role = $object-role#4 "Domain Resource"
* entity[responsibleLocalAuthority].what = Reference(cpis-local-authority-example)
* entity[responsibleLocalAuthority].what.identifier.system = $ods-org
* entity[responsibleLocalAuthority].what.identifier.value = "X99LA"
* entity[responsibleLocalAuthority].role = CPISAuditEntityRole#responsible-local-authority "Responsible local authority"

Instance: cpis-access-scheduled
InstanceOf: CPISAccessAuditEvent
Usage: #example
Title: "Scheduled access from general practice"
Description: "A GP in hours read a child's CP-IS information. A scheduled access is silent: it is not shown in the access history nor notified, and the care setting is optional."
* extension[accessType].valueCode = #scheduled
* type = $audit-event-type#rest "RESTful Operation"
* subtype[+] = $restful-interaction#read "read"
* action = #R
* recorded = "2025-07-15T10:05:00+01:00"
* outcome = #0
* agent[user].type = $v3-ParticipationType#IRCP "information recipient"
* agent[user].requestor = true
* agent[user].who.identifier.system = $sds-user
* agent[user].who.identifier.value = "555021935108"
* agent[user].who.display = "Dr Alex Morgan"
* agent[user].role[+] = $sds-job-role#R8000 "Clinical Practitioner Access Role"
* agent[organization].type = $v3-RoleClass#PROV "healthcare provider"
* agent[organization].requestor = false
* agent[organization].who.identifier.system = $ods-org
* agent[organization].who.identifier.value = "X99G1"
* agent[server].type = $dcm#110153 "Source Role ID"
* agent[server].requestor = false
* source.observer.display = "CP-IS FHIR server"
* entity[patient].what.identifier.system = $nhs-number
* entity[patient].what.identifier.value = "9990013381"
* entity[patient].role = $object-role#1 "Patient"
* entity[flag].what = Reference(cpis-flag-lac)
* entity[flag].role = $object-role#4 "Domain Resource"

Instance: cpis-security-plan-ended
InstanceOf: CPISSecurityAuditEvent
Usage: #example
Title: "A council ended a plan"
Description: "Medway's social care system ended a child protection plan: the change is recorded in the same transaction, naming the plan version, never its content."
* type = $audit-event-type#rest "RESTful Operation"
* subtype[+] = $restful-interaction#update "update"
* action = #U
* recorded = "2025-09-01T09:30:00Z"
* outcome = #0
* agent[+].type = $v3-ParticipationType#IRCP "information recipient"
* agent[=].requestor = true
* agent[=].who.identifier.system = $sds-user
* agent[=].who.identifier.value = "la-medway-system"
* agent[=].who.display = "Medway Council social care system"
* agent[+].type = $v3-RoleClass#PROV "healthcare provider"
* agent[=].requestor = false
* agent[=].who.identifier.system = $ods-org
* agent[=].who.identifier.value = "00LC"
* agent[+].type = $dcm#110153 "Source Role ID"
* agent[=].requestor = false
* agent[=].who.display = "CP-IS FHIR server"
* source.observer.display = "CP-IS FHIR server"
* entity[+].what = Reference(cpis-patient-child-cpp)
* entity[=].role = $object-role#1 "Patient"
* entity[+].what = Reference(cpis-flag-cpp)
* entity[=].role = $object-role#4 "Domain Resource"
* entity[=].description = "plan ended"

Instance: cpis-security-refused
InstanceOf: CPISSecurityAuditEvent
Usage: #example
Title: "A refused request"
Description: "A clinician tried to search flags without an NHS number: refused with 403 and recorded with the request line."
* type = $audit-event-type#rest "RESTful Operation"
* action = #E
* recorded = "2025-09-01T02:10:00Z"
* outcome = #4
* outcomeDesc = "403 A search without an NHS number is not allowed"
* agent[+].type = $v3-ParticipationType#IRCP "information recipient"
* agent[=].requestor = true
* agent[=].who.identifier.system = $sds-user
* agent[=].who.identifier.value = "555021935107"
* agent[=].who.display = "Dr Sam Jones"
* agent[+].type = $dcm#110153 "Source Role ID"
* agent[=].requestor = false
* agent[=].who.display = "CP-IS FHIR server"
* source.observer.display = "CP-IS FHIR server"
* entity[+].role = $object-role#24 "Query"
* entity[=].query = "R0VUIC9maGlyL0ZsYWc/c3RhdHVzPWFjdGl2ZQ=="
