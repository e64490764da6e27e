CodeSystem: CPISCareSetting
Id: cpis-care-setting
Title: "CP-IS Care Setting"
Description: "The kind of care setting from which a clinician queried CP-IS."
* ^caseSensitive = true
* ^experimental = false
* #emergency-department "Emergency department" "Emergency department (A&E) - unscheduled."
* #urgent-treatment-centre "Urgent treatment centre" "Urgent treatment centre - unscheduled."
* #walk-in-centre "Walk-in centre" "Walk-in centre - unscheduled."
* #minor-injury-unit "Minor injury unit" "Minor injury unit - unscheduled."
* #gp-out-of-hours "GP out of hours" "GP out-of-hours service - unscheduled."
* #nhs-111 "NHS 111" "NHS 111 - unscheduled."
* #ambulance-service "Ambulance service" "Ambulance service - unscheduled."
* #maternity-unit "Maternity unit" "Maternity unit - unscheduled."
* #paediatric-ward "Paediatric ward" "Paediatric ward - unscheduled."
* #gp-in-hours "GP in hours" "General practice in hours - scheduled."
* #school-nursing "School nursing" "School nursing service - scheduled."
* #health-visiting "Health visiting" "Health visiting service - scheduled."
* #camhs "Child and adolescent mental health services" "Child and adolescent mental health services (CAMHS) - scheduled."
* #other "Other" "Any other care setting."
