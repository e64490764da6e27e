CodeSystem: CPISBoardStatistic
Id: cpis-board-statistic
Title: "CP-IS Board Statistic"
Description: "The figures a board administrator gets from $cpis-statistics (Parameters.parameter.part named code), each for whole calendar months, counts below 5 suppressed and every other count rounded to the nearest 5."
* ^caseSensitive = true
* ^experimental = false
* #active-plans "Active plans" "Plans active at the end of the period, in total and by plan type."
* #plans-started "Plans started" "Plans whose period started within the period, in total and by plan type."
* #plans-ended "Plans ended" "Plans whose period ended within the period, in total and by plan type."
* #unscheduled-accesses "Unscheduled accesses" "Unscheduled look-ups that showed a child with a plan (access records), within the period."
* #children-accessed "Children accessed" "Different children with at least one unscheduled access within the period."
* #repeat-attendance-alerts "Repeat-attendance alerts" "Unscheduled accesses tagged repeat-attendance within the period."
* #notifications-delivered "Notifications delivered" "Notifications delivered to councils' endpoints within the period."
