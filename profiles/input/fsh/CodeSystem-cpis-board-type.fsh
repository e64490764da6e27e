CodeSystem: CPISBoardType
Id: cpis-board-type
Title: "CP-IS Board Type"
Description: "Kinds of board, partnership or agreement through which partner agencies work together to safeguard children."
* ^caseSensitive = true
* ^experimental = false
* #health-and-wellbeing-board "Health and Wellbeing Board" "Health and Wellbeing Board."
* #safeguarding-children-partnership "Safeguarding children partnership" "Local safeguarding children partnership (formerly Local Safeguarding Children Board)."
* #safeguarding-adults-board "Safeguarding Adults Board" "Safeguarding Adults Board."
* #childrens-trust-board "Children's Trust Board" "Children's Trust Board."
* #joint-commissioning-group "Joint Commissioning Group" "Joint Commissioning Group (of a Children's Trust Board)."
* #partnership-group "Partnership group" "Partnership group (of a Children's Trust Board)."
* #childrens-action-network "Children's Action Network" "Children's Action Network."
* #local-strategic-partnership "Local Strategic Partnership" "Local Strategic Partnership."
* #information-sharing-agreement "Information sharing agreement" "Information sharing protocol or agreement, whose members are its signatories."
