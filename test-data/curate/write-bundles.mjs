// Writes the curated sample bundles of test-data/bundles/ from the tables below, and prints the figures
// test-data/README.md quotes. The tables are the curated content: edit them, run
//   node test-data/curate/write-bundles.mjs
// and update the README tables from what it prints (SampleBundlesIT fails when they disagree).
//
// Everything here is invented for testing: NHS numbers are synthetic (999 prefix, valid modulus-11
// check digit, all in 9990000000-9990009999, a block the server tests never generate), names are made
// up, and ODS codes are real only where marked so (the others carry the synthetic-ods-code tag).

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'bundles');
const TODAY = process.env.CPIS_SAMPLES_TODAY ?? new Date().toISOString().slice(0, 10);

const SD = 'https://fhir.cpis.uk/StructureDefinition/';
const CS = 'https://fhir.cpis.uk/CodeSystem/';
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const SEAT = 'https://fhir.cpis.uk/Id/board-seat';
const BOARD = 'https://fhir.cpis.uk/Id/board';
const SAMPLE_TAG = { system: CS + 'cpis-sample-data', code: 'synthetic-ods-code', display: 'ODS code invented for the sample data' };

// ---------------------------------------------------------------------------------------------------
// Organisations: [ODS code, name, partner agency type, real ODS code?, { phones, partOf }]
// ---------------------------------------------------------------------------------------------------
const ORGANISATIONS = [
	// Medway
	['00LC', 'Medway Council', 'local-authority', true, { phones: ['01634 334466', '03000 419191'] }],
	['RPA', 'Medway NHS Foundation Trust', 'nhs-trust', true],
	['QKS', 'NHS Kent and Medway (integrated care board, formerly NHS Medway)', 'integrated-care-board', true],
	['RXY', 'Kent and Medway NHS and Social Care Partnership Trust', 'nhs-trust', true],
	['G82050', 'Medway Riverside Surgery', 'gp-practice', false],
	['X9KPL', 'Kent Police', 'police', false],
	['X9KPB', 'Probation Service, Kent and Medway', 'probation', false],
	['X9MYT', 'Medway Youth Trust (Connexions)', 'connexions', false],
	['X9MYO', 'Medway Youth Offending Team', 'youth-offending-team', false, { partOf: '00LC' }],
	['X9MS1', 'Medway Sample Primary School', 'school', false],
	['X9MS2', 'Medway Sample Secondary Academy', 'school', false],
	['X9MS3', 'Medway Sample Special School', 'school', false],
	['X9MFE', 'Medway Sample Further Education College', 'further-education', false],
	['X9MVC', 'Medway Voluntary and Community Sector Forum', 'voluntary-community-sector', false],
	['X9MHR', 'Medway Human Rights and Equalities Council', 'other', false],
	['X9MCH', 'Medway Community Walk-in Centre', 'nhs-trust', false],
	// Reading
	['00MC', 'Reading Borough Council', 'local-authority', true, { phones: ['0118 937 3641', '01344 351999'] }],
	['RHW', 'Royal Berkshire NHS Foundation Trust', 'nhs-trust', true],
	['X9TVP', 'Thames Valley Police', 'police', false],
	// Rotherham (its phones are Ofcom drama numbers, 0114 496 0xxx)
	['00CF', 'Rotherham Metropolitan Borough Council', 'local-authority', true, { phones: ['0114 496 0100', '0114 496 0999'] }],
	['RFR', 'The Rotherham NHS Foundation Trust', 'nhs-trust', true],
	['X9SYP', 'South Yorkshire Police', 'police', false],
];

const AGENCY_DISPLAY = {
	'local-authority': 'Local authority', 'nhs-trust': 'NHS trust', 'integrated-care-board': 'Integrated care board',
	'gp-practice': 'GP practice', police: 'Police', probation: 'Probation service',
	'youth-offending-team': 'Youth offending team', school: 'School', 'further-education': 'Further education',
	connexions: 'Connexions', 'voluntary-community-sector': 'Voluntary and community sector', other: 'Other',
};

// ---------------------------------------------------------------------------------------------------
// Boards: key, name, type, host council, accountable to (board keys), seats [ODS, role, start, end?]
// ---------------------------------------------------------------------------------------------------
const BOARDS = [
	{ key: 'medway-hwb', name: 'Medway Health and Wellbeing Board', type: 'health-and-wellbeing-board', host: '00LC',
		seats: [['00LC', 'chair', '2013-04-01'], ['QKS', 'vice-chair', '2022-07-01'], ['RPA', 'member', '2013-04-01'],
			['RXY', 'member', '2013-04-01'], ['X9MVC', 'member', '2013-04-01'], ['X9MCH', 'member', '2015-04-01', '2025-03-31']] },
	{ key: 'medway-lscb', name: 'Medway Safeguarding Children Board', type: 'safeguarding-children-partnership', host: '00LC',
		seats: [['00LC', 'chair', '2006-04-01'], ['QKS', 'member', '2022-07-01'], ['RPA', 'member', '2006-04-01'],
			['RXY', 'member', '2006-04-01'], ['X9KPL', 'vice-chair', '2006-04-01'], ['X9KPB', 'member', '2006-04-01'],
			['X9MS2', 'member', '2010-09-01'], ['X9MVC', 'member', '2006-04-01'], ['X9MYO', 'member', '2006-04-01']] },
	{ key: 'kent-medway-sab', name: 'Kent and Medway Safeguarding Adults Board', type: 'safeguarding-adults-board',
		seats: [['00LC', 'member', '2015-04-01'], ['QKS', 'member', '2022-07-01'], ['RPA', 'member', '2015-04-01'],
			['X9KPL', 'member', '2015-04-01']] },
	{ key: 'medway-lsp', name: 'Medway Local Strategic Partnership', type: 'local-strategic-partnership', host: '00LC',
		seats: [['00LC', 'chair', '2008-04-01'], ['QKS', 'member', '2022-07-01'], ['X9KPL', 'member', '2008-04-01'],
			['X9MVC', 'member', '2008-04-01']] },
	{ key: 'medway-ctb', name: "Medway Children's Trust Board", type: 'childrens-trust-board', host: '00LC', accountableTo: ['medway-lsp'],
		seats: [['00LC', 'chair', '2008-04-01'], ['00LC', 'substitute', '2008-04-01'], ['QKS', 'member', '2022-07-01'],
			['RPA', 'member', '2008-04-01'], ['RXY', 'member', '2008-04-01'], ['G82050', 'member', '2008-04-01'],
			['X9KPL', 'member', '2008-04-01'], ['X9KPB', 'member', '2008-04-01'], ['X9MYT', 'member', '2008-04-01'],
			['X9MYO', 'member', '2008-04-01'], ['X9MS1', 'member', '2008-04-01'], ['X9MS2', 'member', '2008-04-01'],
			['X9MS3', 'member', '2008-04-01'], ['X9MFE', 'member', '2008-04-01'], ['X9MVC', 'member', '2008-04-01'],
			['X9MHR', 'member', '2008-04-01']] },
	{ key: 'medway-jcg', name: 'Medway Joint Commissioning Group', type: 'joint-commissioning-group', host: '00LC', accountableTo: ['medway-ctb'],
		seats: [['00LC', 'chair', '2008-04-01'], ['QKS', 'member', '2022-07-01'], ['X9MYT', 'member', '2008-04-01'],
			['X9MVC', 'member', '2008-04-01']] },
	...[
		['medway-pg-parenting', 'Parenting and Family Support (0-11) Partnership Group', [['00LC', 'chair'], ['X9MS1', 'member'], ['X9MVC', 'member']]],
		['medway-pg-youth', 'Integrated Youth Support (12-19) Partnership Group', [['X9MYT', 'chair'], ['X9MYO', 'member'], ['X9MFE', 'member']]],
		['medway-pg-lac', 'Looked After Children Partnership Group', [['00LC', 'chair'], ['RPA', 'member'], ['RXY', 'member']]],
		['medway-pg-aiming-high', 'Aiming High Partnership Group', [['00LC', 'chair'], ['X9MS3', 'member'], ['QKS', 'member']]],
		['medway-pg-emotional', 'Emotional Wellbeing Partnership Group', [['RXY', 'chair'], ['00LC', 'member'], ['X9MS2', 'member']]],
		['medway-pg-schools', '21st Century Schools Partnership Group', [['00LC', 'chair'], ['X9MS1', 'member'], ['X9MS2', 'member'], ['X9MS3', 'member']]],
	].map(([key, name, seats]) => ({ key, name: 'Medway ' + name, type: 'partnership-group', host: '00LC',
		accountableTo: ['medway-jcg', 'medway-ctb'], seats: seats.map(([ods, role]) => [ods, role, '2009-04-01']) })),
	{ key: 'medway-can', name: "Medway Children's Action Network", type: 'childrens-action-network', host: '00LC',
		seats: [['00LC', 'chair', '2014-01-01'], ['QKS', 'member', '2022-07-01'], ['X9MVC', 'member', '2014-01-01'],
			['X9MS1', 'member', '2014-01-01']] },
	{ key: 'reading-hwb', name: 'Reading Health and Wellbeing Board', type: 'health-and-wellbeing-board', host: '00MC',
		seats: [['00MC', 'chair', '2013-04-01'], ['RHW', 'member', '2013-04-01'], ['X9TVP', 'member', '2013-04-01']] },
	{ key: 'reading-lscb', name: 'Reading Local Safeguarding Children Board', type: 'safeguarding-children-partnership', host: '00MC',
		accountableTo: ['reading-hwb'],
		seats: [['00MC', 'chair', '2006-04-01'], ['RHW', 'member', '2006-04-01'], ['X9TVP', 'member', '2006-04-01']] },
	{ key: 'reading-lscb-isg', name: 'Reading LSCB Information Sharing Task and Finish Group', type: 'partnership-group', host: '00MC',
		accountableTo: ['reading-lscb'],
		seats: [['00MC', 'chair', '2015-05-05'], ['RHW', 'member', '2015-05-05'], ['X9TVP', 'member', '2015-05-05']] },
	{ key: 'rotherham-lscb', name: 'Rotherham Local Safeguarding Children Board', type: 'safeguarding-children-partnership', host: '00CF',
		seats: [['00CF', 'chair', '2006-04-01'], ['RFR', 'member', '2006-04-01'], ['X9SYP', 'member', '2006-04-01']] },
];

const BOARD_TYPE_DISPLAY = {
	'health-and-wellbeing-board': 'Health and Wellbeing Board', 'safeguarding-children-partnership': 'Safeguarding children partnership',
	'safeguarding-adults-board': 'Safeguarding Adults Board', 'childrens-trust-board': "Children's Trust Board",
	'joint-commissioning-group': 'Joint Commissioning Group', 'partnership-group': 'Partnership group',
	'childrens-action-network': "Children's Action Network", 'local-strategic-partnership': 'Local Strategic Partnership',
	'information-sharing-agreement': 'Information sharing agreement',
};
const ROLE_DISPLAY = { chair: 'Chair', 'vice-chair': 'Vice-chair', member: 'Member', substitute: 'Substitute', signatory: 'Signatory' };

// The CP-IS information sharing agreement: [ODS, signed, left?]. RXX99 (the outsider persona) is not in it.
const SIGNATORIES = [
	['00LC', '2024-04-01'], ['00MC', '2024-04-01'], ['RPA', '2024-05-01'], ['RHW', '2024-05-01'], ['G82050', '2024-06-01'],
	['00CF', '2024-10-01'], ['RFR', '2024-10-01'], ['X9MCH', '2024-04-01', '2025-03-31'],
];

// ---------------------------------------------------------------------------------------------------
// Children and mothers, per council. Plans: [plan id number, type, legal status, status, start, end, delete date]
// ---------------------------------------------------------------------------------------------------
const CPP = 'CPP', LAC = 'LAC', UCPP = 'UCPP';
const ACTIVE = 'active', ENDED = 'inactive', ERROR = 'entered-in-error';

const PEOPLE = [
	// Medway (00LC)
	['9990000115', 'Amelia', 'Brooks', 'female', '2014-03-02', { '00LC': [[1, CPP, null, ACTIVE, '2025-06-01']] }],
	['9990000484', 'Oliver', 'Hughes', 'male', '2017-11-19', { '00LC': [[5, CPP, null, ENDED, '2023-10-02', '2024-09-14'], [2, LAC, 's31', ACTIVE, '2024-09-15']] }],
	['9990002002', 'Jacob', 'Brooks', 'male', '2016-08-21', { '00LC': [[6, CPP, null, ACTIVE, '2025-06-01']] }],
	['9990002010', 'Ruby', 'Brooks', 'female', '2021-01-09', { '00LC': [[7, CPP, null, ACTIVE, '2025-06-01']] }],
	['9990002029', 'Noah', 'Clarke', 'male', '2011-04-14', { '00LC': [[8, LAC, 's38', ACTIVE, '2026-09-03']] }],
	['9990002037', 'Mia', 'Clarke', 'female', '2013-12-02', { '00LC': [[9, LAC, 's38', ACTIVE, '2026-09-03']] }],
	['9990002045', 'Leo', 'Osei', 'male', '2009-06-30', { '00LC': [[10, LAC, 's20', ACTIVE, '2023-02-13']] }],
	['9990002053', 'Freya', 'Walsh', 'female', '2008-12-24', { '00LC': [[11, LAC, 's31', ACTIVE, '2019-05-20']] }],
	['9990002061', 'Harry', 'Singh', 'male', '2015-10-05', { '00LC': [[12, CPP, null, ENDED, '2025-04-07', '2026-10-16', '2028-10-16']] }],
	['9990002088', 'Poppy', 'Evans', 'female', '2018-02-11', { '00LC': [[13, CPP, null, ENDED, '2024-01-22', '2025-03-31', '2027-03-31']] }],
	['9990002096', 'Archie', 'Murphy', 'male', '2020-07-17', { '00LC': [[14, CPP, null, ERROR, '2026-06-01']] }],
	['9990002118', 'Sophie', 'Ahmed', 'female', '2024-03-28', { '00LC': [[15, CPP, null, ACTIVE, '2024-04-10']] }],
	['9990002126', 'Chloe', 'Ahmed', 'female', '2002-09-15', { '00LC': [[16, UCPP, null, ENDED, '2023-11-20', '2024-03-28']] }],
	['9990002134', 'Jade', 'Fletcher', 'female', '2001-05-06', { '00LC': [[17, UCPP, null, ACTIVE, '2026-07-14']] }],
	['9990002142', 'Ellie', 'Robinson', 'female', '2009-03-19', { '00LC': [[18, LAC, 's20', ACTIVE, '2025-11-03'], [19, UCPP, null, ACTIVE, '2026-09-22']] }],
	['9990002150', 'Theo', 'Kowalski', 'male', '2012-01-25', { '00MC': [[5, CPP, null, ENDED, '2024-11-18', '2026-01-30']], '00LC': [[20, CPP, null, ACTIVE, '2026-02-09']] }],
	['9990002169', 'Alfie', 'Price', 'male', '2010-11-11', { '00LC': [[21, LAC, 's31', ACTIVE, '2021-08-02']] }],
	['9990002177', 'Evie', 'Price', 'female', '2012-05-03', { '00LC': [[22, LAC, 's31', ACTIVE, '2021-08-02']] }],
	['9990002185', 'Lily', 'Adeyemi', 'female', '2016-09-12', { '00LC': [[23, CPP, null, ENDED, '2026-01-19', '2026-11-02'], [24, LAC, 's20', ACTIVE, '2026-11-03']] }],
	['9990002193', 'Oscar', 'Bennett', 'male', '2019-04-22', { '00LC': [[25, CPP, null, ACTIVE, '2026-10-05']] }],
	['9990002207', 'Isabella', 'Nowak', 'female', '2007-10-30', { '00LC': [[26, LAC, 's20', ENDED, '2023-05-15', '2025-10-30']] }],
	['9990002215', 'Mason', 'Hill', 'male', '2014-07-07', { '00LC': [[27, LAC, 's38', ENDED, '2026-02-16', '2026-05-29'], [28, CPP, null, ACTIVE, '2026-05-29']] }],
	// Reading (00MC)
	['9990000859', 'Isla', 'Patel', 'female', '2012-07-30', { '00MC': [[3, CPP, null, ACTIVE, '2025-10-01']] }],
	['9990001227', 'Grace', 'Turner', 'female', '1998-05-04', { '00MC': [[4, UCPP, null, ACTIVE, '2026-08-20']] }],
	['9990003009', 'Ethan', 'Patel', 'male', '2015-02-17', { '00MC': [[6, CPP, null, ACTIVE, '2025-10-01']] }],
	['9990003017', 'Zara', 'Hussain', 'female', '2010-08-08', { '00MC': [[7, LAC, 's31', ACTIVE, '2022-03-14']] }],
	['9990003025', 'Logan', 'Carter', 'male', '2013-06-21', { '00MC': [[8, LAC, 's38', ACTIVE, '2026-10-19']] }],
	['9990003033', 'Ava', 'Green', 'female', '2019-11-30', { '00MC': [[9, LAC, 's20', ACTIVE, '2026-04-06']] }],
	['9990003041', 'Samuel', 'Okafor', 'male', '2008-02-29', { '00MC': [[10, LAC, 's31', ACTIVE, '2020-01-20']] }],
	['9990003068', 'Emily', 'Wright', 'female', '2017-03-15', { '00MC': [[11, CPP, null, ENDED, '2025-09-08', '2026-06-30', '2027-06-30']] }],
	['9990003076', 'Charlie', 'Wood', 'male', '2011-09-09', { '00MC': [[12, CPP, null, ENDED, '2023-06-12', '2024-12-20']] }],
	['9990003084', 'Hannah', 'Lewis', 'female', '2000-01-12', { '00MC': [[13, UCPP, null, ENDED, '2025-10-27', '2026-03-02']] }],
	['9990003092', 'Finley', 'Lewis', 'male', '2026-03-02', { '00MC': [[14, CPP, null, ACTIVE, '2026-03-09']] }],
	['9990003106', 'Maya', 'Kaur', 'female', '2014-04-04', { '00MC': [[15, LAC, 's20', ACTIVE, '2025-07-01']] }],
	['9990003114', 'Reuben', 'Taylor', 'male', '2016-12-12', { '00MC': [[16, CPP, null, ACTIVE, '2026-11-16']] }],
	['9990003122', 'Daisy', 'Morgan', 'female', '2021-06-18', { '00MC': [[17, LAC, 's38', ACTIVE, '2026-08-10']] }],
	// Rotherham (00CF)
	['9990004005', 'Jack', 'Smith', 'male', '2012-02-02', { '00CF': [[1, CPP, null, ACTIVE, '2026-03-23']] }],
	['9990004013', 'Olivia', 'Smith', 'female', '2014-09-17', { '00CF': [[2, CPP, null, ACTIVE, '2026-03-23']] }],
	['9990004021', 'Kayden', 'Walker', 'male', '2009-12-05', { '00CF': [[3, LAC, 's31', ACTIVE, '2018-06-11']] }],
	['9990004048', 'Courtney', 'Hall', 'female', '2008-07-19', { '00CF': [[5, CPP, null, ENDED, '2022-09-26', '2024-01-05'], [4, LAC, 's20', ACTIVE, '2024-01-08']] }],
	['9990004056', 'Tyler', 'Jackson', 'male', '2011-03-27', { '00CF': [[6, LAC, 's38', ACTIVE, '2026-10-26']] }],
	['9990004064', 'Amber', 'Wilson', 'female', '2005-11-01', { '00CF': [[7, UCPP, null, ACTIVE, '2026-06-15']] }],
	['9990004072', 'Lacey', 'Wilson', 'female', '2023-02-14', { '00CF': [[8, CPP, null, ACTIVE, '2026-06-15']] }],
	['9990004080', 'Riley', 'Thompson', 'male', '2017-08-30', { '00CF': [[9, CPP, null, ENDED, '2025-12-15', '2026-09-18', '2027-09-18']] }],
	['9990004099', 'Millie', 'Roberts', 'female', '2015-05-05', { '00CF': [[10, LAC, 's31', ACTIVE, '2023-09-04']] }],
	['9990004102', 'Connor', 'Roberts', 'male', '2013-01-31', { '00CF': [[11, LAC, 's31', ACTIVE, '2023-09-04']] }],
	['9990004110', 'Ivy', 'Ali', 'female', '2020-10-10', { '00CF': [[12, CPP, null, ACTIVE, '2026-01-12']] }],
	['9990004129', 'Harvey', 'Davies', 'male', '2010-06-15', { '00CF': [[13, LAC, 's20', ENDED, '2023-03-06', '2025-04-30']] }],
	['9990004137', 'Sienna', 'Brown', 'female', '2018-12-01', { '00CF': [[14, LAC, 's38', ACTIVE, '2026-11-09']] }],
	['9990004145', 'Bella', 'Cooper', 'female', '2012-08-26', { '00CF': [[15, CPP, null, ACTIVE, '2025-12-01']] }],
];

// The plan bundles, one per council so that each can be uploaded with that council's own token.
const PLAN_FILES = [
	['04-medway-plans.json', '00LC'],
	['05-reading-plans.json', '00MC'],
	['06-rotherham-plans.json', '00CF'],
];

const PLAN_TYPES = {
	CPP: { code: '342191000000101', display: 'Child protection plan' },
	LAC: { code: '764841000000100', display: 'Looked after child' },
	UCPP: { code: '818901000000100', display: 'Unborn child protection plan' },
};
const LEGAL_STATUS_DISPLAY = {
	s31: 'Full care order (Children Act 1989 s31)', s38: 'Interim care order (Children Act 1989 s38)',
	s20: 'Voluntary agreement (Children Act 1989 s20)',
};

// ---------------------------------------------------------------------------------------------------

function isValidNhsNumber(n) {
	if (!/^\d{10}$/.test(n)) return false;
	let sum = 0;
	for (let i = 0; i < 9; i++) sum += Number(n[i]) * (10 - i);
	const check = (11 - (sum % 11)) % 11;
	return check !== 10 && check === Number(n[9]);
}

const byOds = Object.fromEntries(ORGANISATIONS.map((o) => [o[0], o]));
const orgRef = (ods) => {
	if (!byOds[ods]) throw new Error('unknown organisation ' + ods);
	return { reference: `Organization?identifier=${ODS}|${ods}` };
};
const uuid = (group, n) => `urn:uuid:00000000-0000-4000-${group}-${String(n).padStart(12, '0')}`;

function organisation([ods, name, type, real, extra = {}]) {
	const isLa = type === 'local-authority';
	const resource = {
		resourceType: 'Organization',
		meta: { profile: [SD + (isLa ? 'cpis-local-authority' : 'cpis-organization')], ...(real ? {} : { tag: [SAMPLE_TAG] }) },
		identifier: [{ system: ODS, value: ods }],
		active: true,
		type: [{ coding: [{ system: CS + 'cpis-partner-agency-type', code: type, display: AGENCY_DISPLAY[type] }] }],
		name,
	};
	if (extra.phones) {
		resource.telecom = [
			{ system: 'phone', value: extra.phones[0], use: 'work' },
			{ system: 'phone', value: extra.phones[1], use: 'mobile' },
		];
	}
	if (extra.partOf) resource.partOf = orgRef(extra.partOf);
	return resource;
}

function organisationsBundle() {
	// an organisation named by partOf comes first
	const ordered = [...ORGANISATIONS].sort((a, b) => Number(Boolean(a[4]?.partOf)) - Number(Boolean(b[4]?.partOf)));
	return transaction(ordered.map((o) => ({
		resource: organisation(o),
		request: { method: 'PUT', url: `Organization?identifier=${ODS}|${o[0]}` },
	})), '7000');
}

function seatEntry(id, ods, role, fullUrl) {
	return {
		fullUrl,
		resource: {
			resourceType: 'PractitionerRole',
			meta: { profile: [SD + 'cpis-board-seat'] },
			identifier: [{ system: SEAT, value: id }],
			active: true,
			organization: orgRef(ods),
			code: [{ coding: [{ system: CS + 'cpis-board-role', code: role, display: ROLE_DISPLAY[role] }] }],
		},
		request: { method: 'POST', url: 'PractitionerRole', ifNoneExist: `identifier=${SEAT}|${id}` },
	};
}

function period(start, end) {
	return end ? { start, end } : { start };
}

function boardsBundle() {
	const entries = [];
	const boardUrls = Object.fromEntries(BOARDS.map((b, i) => [b.key, uuid('a000', i + 1)]));
	let seatNo = 0;
	for (const board of BOARDS) {
		const members = [];
		for (const [ods, role, start, end] of board.seats) {
			const fullUrl = uuid('b000', ++seatNo);
			entries.push(seatEntry(`${board.key}-${ods}-${role}`, ods, role, fullUrl));
			members.push({ entity: { reference: fullUrl }, period: period(start, end) });
		}
		const extension = [];
		for (const to of board.accountableTo ?? []) {
			if (!boardUrls[to]) throw new Error('unknown board ' + to);
			extension.push({ url: SD + 'cpis-board-accountable-to', valueReference: { reference: boardUrls[to] } });
		}
		if (board.host) extension.push({ url: SD + 'cpis-board-host', valueReference: orgRef(board.host) });
		entries.push({
			fullUrl: boardUrls[board.key],
			resource: {
				resourceType: 'Group',
				meta: { profile: [SD + 'cpis-board'] },
				...(extension.length ? { extension } : {}),
				identifier: [{ system: BOARD, value: board.key }],
				active: true,
				type: 'practitioner',
				actual: true,
				code: { coding: [{ system: CS + 'cpis-board-type', code: board.type, display: BOARD_TYPE_DISPLAY[board.type] }] },
				name: board.name,
				member: members,
			},
			request: { method: 'PUT', url: `Group?identifier=${BOARD}|${board.key}` },
		});
	}
	return transaction(entries, 'a000');
}

function agreementBundle() {
	const entries = [];
	const members = [];
	SIGNATORIES.forEach(([ods, start, end], i) => {
		const fullUrl = uuid('9000', i + 1);
		entries.push(seatEntry(`isa-signatory-${ods}`, ods, 'signatory', fullUrl));
		members.push({ entity: { reference: fullUrl }, period: period(start, end) });
	});
	entries.push({
		resource: {
			resourceType: 'Group',
			meta: { profile: [SD + 'cpis-information-sharing-agreement'] },
			extension: [{ url: SD + 'cpis-board-host', valueReference: orgRef('00LC') }],
			identifier: [{ system: BOARD, value: 'cpis-isa-kent-berkshire' }],
			active: true,
			type: 'practitioner',
			actual: true,
			code: { coding: [{ system: CS + 'cpis-board-type', code: 'information-sharing-agreement', display: 'Information sharing agreement' }] },
			name: 'CP-IS information sharing agreement (Medway, Reading and Rotherham pilot)',
			member: members,
		},
		request: { method: 'PUT', url: `Group?identifier=${BOARD}|cpis-isa-kent-berkshire` },
	});
	return transaction(entries, '9000');
}

function patient([nhs, given, family, gender, birthDate]) {
	if (!isValidNhsNumber(nhs) || !nhs.startsWith('999000')) throw new Error('bad sample NHS number ' + nhs);
	return {
		resourceType: 'Patient',
		meta: { profile: [SD + 'cpis-patient'] },
		identifier: [{
			extension: [{
				url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
				valueCodeableConcept: { coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland', code: '01', display: 'Number present and verified' }] },
			}],
			system: NHS,
			value: nhs,
		}],
		name: [{ family, given: [given] }],
		gender,
		birthDate,
	};
}

const planId = (ods, n) => `${ods}-PLAN-${String(n).padStart(4, '0')}`;

function flag(ods, [n, type, legal, status, start, end, deleteDate], subject) {
	const extension = [];
	if (legal) {
		extension.push({ url: SD + 'cpis-looked-after-legal-status', valueCoding: { system: CS + 'cpis-looked-after-legal-status', code: legal, display: LEGAL_STATUS_DISPLAY[legal] } });
	}
	if (deleteDate) extension.push({ url: SD + 'cpis-delete-date', valueDate: deleteDate });
	return {
		resourceType: 'Flag',
		meta: { profile: [SD + 'cpis-flag'] },
		...(extension.length ? { extension } : {}),
		identifier: [{ system: `https://fhir.cpis.uk/Id/la-plan-id/${ods}`, value: planId(ods, n) }],
		status,
		category: [{ coding: [{ system: CS + 'cpis-flag-category', code: 'child-protection', display: 'CP-IS child protection information' }] }],
		code: { coding: [{ system: 'http://snomed.info/sct', ...PLAN_TYPES[type] }] },
		subject: { reference: subject },
		period: period(start, end),
		author: orgRef(ods),
	};
}

function plansBundle(ods) {
	const entries = [];
	const group = `8${ods === '00LC' ? 1 : ods === '00MC' ? 2 : 3}00`;
	PEOPLE.filter((p) => p[5][ods]).forEach((person, i) => {
		const fullUrl = uuid(group, i + 1);
		entries.push({
			fullUrl,
			resource: patient(person),
			request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${NHS}|${person[0]}` },
		});
		for (const plan of person[5][ods]) {
			entries.push({
				resource: flag(ods, plan, fullUrl),
				request: { method: 'POST', url: 'Flag', ifNoneExist: `identifier=https://fhir.cpis.uk/Id/la-plan-id/${ods}|${planId(ods, plan[0])}` },
			});
		}
	});
	return transaction(entries, group);
}

// Every entry gets a fullUrl (the HL7 validator requires one where an entry holds a reference).
function transaction(entries, group) {
	const entry = entries.map((e, i) => (e.fullUrl ? e : { fullUrl: uuid(group, 1000 + i + 1), ...e }));
	return { resourceType: 'Bundle', type: 'transaction', entry };
}

function write(file, bundle) {
	writeFileSync(join(OUT, file), JSON.stringify(bundle, null, 2) + '\n');
	console.log(`${file}: ${bundle.entry.length} entries`);
}

// ---------------------------------------------------------------------------------------------------
// Invalid samples (test-data/invalid/): each breaks exactly one rule; otherwise like the valid ones.
// ---------------------------------------------------------------------------------------------------

function upload(ods, person, plan, changePatient = () => {}, changeFlag = () => {}) {
	const fullUrl = uuid('e000', 1);
	const child = patient(person);
	changePatient(child);
	const planFlag = flag(ods, plan, fullUrl);
	changeFlag(planFlag);
	return transaction([
		{ fullUrl, resource: child, request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${NHS}|${person[0]}` } },
		{ resource: planFlag, request: { method: 'POST', url: 'Flag' } },
	], 'e000');
}

const INVALID = {
	'nhs-number-bad-check-digit.json': upload('00LC', ['9990009015', 'Ada', 'Wrongdigit', 'female', '2015-05-01'], [9001, CPP, null, ACTIVE, '2026-11-02'],
		(child) => { child.identifier[0].value = '9990009016'; }),
	'nhs-number-not-verified.json': upload('00LC', ['9990009023', 'Ben', 'Untraced', 'male', '2016-02-03'], [9002, CPP, null, ACTIVE, '2026-11-02'],
		(child) => { child.identifier[0].extension[0].valueCodeableConcept.coding[0] = { system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland', code: '02', display: 'Number present but not traced' }; }),
	'plan-for-another-council.json': upload('00LC', ['9990009031', 'Cara', 'Elsewhere', 'female', '2013-09-09'], [9003, CPP, null, ACTIVE, '2026-11-02']),
	'plan-ends-before-it-starts.json': upload('00LC', ['9990009058', 'Dan', 'Backwards', 'male', '2012-12-12'], [9004, CPP, null, ENDED, '2026-03-01', '2026-02-01']),
	'adult-on-child-protection-plan.json': upload('00LC', ['9990009066', 'Erin', 'Grownup', 'female', '1990-04-12'], [9005, CPP, null, ACTIVE, '2026-01-05']),
	'legal-status-on-child-protection-plan.json': upload('00LC', ['9990009074', 'Finn', 'Misfiled', 'male', '2014-06-06'], [9006, CPP, 's31', ACTIVE, '2026-11-02']),
	'duplicate-active-plan.json': upload('00LC', PEOPLE.find((p) => p[0] === '9990000115'), [9007, CPP, null, ACTIVE, '2026-11-02']),
	'ended-plan-without-end-date.json': upload('00LC', ['9990009082', 'Gus', 'Openended', 'male', '2017-07-07'], [9008, CPP, null, ENDED, '2025-11-02']),
	'patient-without-birth-date.json': upload('00LC', ['9990009090', 'Hana', 'Undated', 'female', '2016-01-01'], [9009, CPP, null, ACTIVE, '2026-11-02'],
		(child) => { delete child.birthDate; }),
	'council-without-emergency-duty-phone.json': (() => {
		const council = organisation(['X9NNL', 'No Night Line Borough Council', 'local-authority', false, { phones: ['01632 960123', 'unused'] }]);
		council.telecom = council.telecom.slice(0, 1);
		return council;
	})(),
	'access-record-upload.json': {
		resourceType: 'AuditEvent',
		meta: { profile: [SD + 'cpis-access-auditevent'] },
		extension: [
			{ url: SD + 'cpis-access-type', valueCode: 'unscheduled' },
			{ url: SD + 'cpis-care-setting', valueCoding: { system: CS + 'cpis-care-setting', code: 'emergency-department' } },
		],
		type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
		subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'search-type' }],
		action: 'R',
		recorded: '2026-11-20T14:05:00Z',
		outcome: '0',
		agent: [
			{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] },
				who: { identifier: { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: '555000000001' }, display: 'Dr Made Up' }, requestor: true },
			{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleClass', code: 'PROV' }] },
				who: { identifier: { system: ODS, value: 'RPA' } }, requestor: false },
			{ type: { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110153' }] }, requestor: false },
		],
		source: { observer: { display: 'A council system pretending to be the CP-IS server' } },
		entity: [{ what: { identifier: { system: NHS, value: '9990000115' } }, role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1' } }],
	},
};
// The plan for another council: Reading uploads it, but its author is Medway.

function writeInvalid() {
	const dir = join(OUT, '..', 'invalid');
	for (const [file, content] of Object.entries(INVALID)) {
		writeFileSync(join(dir, file), JSON.stringify(content, null, 2) + '\n');
	}
	console.log(`invalid/: ${Object.keys(INVALID).length} files`);
}

// ---------------------------------------------------------------------------------------------------

write('01-organisations.json', organisationsBundle());
write('02-boards.json', boardsBundle());
write('03-information-sharing-agreement.json', agreementBundle());
for (const [file, ods] of PLAN_FILES) write(file, plansBundle(ods));
writeInvalid();

// Figures for the README
const seats = BOARDS.reduce((n, b) => n + b.seats.length, 0);
console.log(`\norganisations ${ORGANISATIONS.length} (real ODS codes ${ORGANISATIONS.filter((o) => o[3]).length}), boards ${BOARDS.length}, board seats ${seats}, signatories ${SIGNATORIES.length}`);
console.log(`people ${PEOPLE.length}, plans ${PEOPLE.reduce((n, p) => n + Object.values(p[5]).flat().length, 0)}`);
// The server shows an ended plan while its end date is less than 365 days ago.
const dropsOut = (end) => addDays(end, 365);
const visibleToClinician = (plan) => plan[3] === ACTIVE || (plan[3] === ENDED && TODAY < dropsOut(plan[5]));
function addDays(date, days) {
	const d = new Date(date + 'T00:00:00Z');
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}
for (const [file, ods] of PLAN_FILES) {
	const people = PEOPLE.filter((p) => p[5][ods]);
	const plans = people.flatMap((p) => p[5][ods]);
	const count = (f) => plans.filter(f).length;
	console.log(`\n${file} (${ods}): people ${people.length}, plans ${plans.length}`);
	for (const type of [CPP, LAC, UCPP]) {
		console.log(`  ${type}: active ${count((p) => p[1] === type && p[3] === ACTIVE)}, ended ${count((p) => p[1] === type && p[3] === ENDED)}, entered-in-error ${count((p) => p[1] === type && p[3] === ERROR)}`
			+ (type === LAC ? ` (active s31 ${count((p) => p[1] === LAC && p[3] === ACTIVE && p[2] === 's31')}, s38 ${count((p) => p[1] === LAC && p[3] === ACTIVE && p[2] === 's38')}, s20 ${count((p) => p[1] === LAC && p[3] === ACTIVE && p[2] === 's20')})` : ''));
	}
	console.log(`  status: active ${count((p) => p[3] === ACTIVE)}, inactive ${count((p) => p[3] === ENDED)}, entered-in-error ${count((p) => p[3] === ERROR)}; shown to a clinician on ${TODAY}: ${count(visibleToClinician)}`);
}
console.log('\nper person (NHS number: plans; an ended plan drops out of look-ups on):');
for (const [nhs, given, family, gender, born, plans] of PEOPLE) {
	const list = Object.entries(plans).flatMap(([ods, ps]) => ps.map((p) => `${planId(ods, p[0])} ${p[1]}${p[2] ? ' ' + p[2] : ''} ${p[3]} ${p[4]}${p[5] ? '..' + p[5] : ''}${p[3] === ENDED ? ' (drops out ' + dropsOut(p[5]) + ')' : ''}`));
	console.log(`  ${nhs} ${given} ${family} (${born}): ${list.join('; ')}`);
}

// The children table of test-data/README.md
if (process.argv.includes('--readme')) {
	const councilName = { '00LC': 'Medway', '00MC': 'Reading', '00CF': 'Rotherham' };
	console.log(`\n| NHS number | person (born) | plans: council, plan id, type, status, dates | a clinician is shown (on ${TODAY}) |`);
	console.log('|---|---|---|---|');
	for (const [nhs, given, family, gender, born, plans] of PEOPLE) {
		const all = Object.entries(plans).flatMap(([ods, ps]) => ps.map((p) => [ods, p]));
		const described = all.map(([ods, p]) => `${councilName[ods]} \`${planId(ods, p[0])}\` ${p[1]}${p[2] ? ' ' + p[2] : ''}, ${p[3]}, ${p[4]}${p[5] ? ' to ' + p[5] : ''}`);
		const shown = [], hidden = [];
		for (const [ods, p] of all) {
			const id = `\`${planId(ods, p[0])}\``;
			if (p[3] === ACTIVE) shown.push(id);
			else if (p[3] === ERROR) hidden.push(`${id} (entered in error)`);
			else if (TODAY < dropsOut(p[5])) shown.push(`${id} (drops out ${dropsOut(p[5])})`);
			else hidden.push(`${id} (dropped out ${dropsOut(p[5])})`);
		}
		const answer = (shown.length ? shown.join(', ') : 'nothing') + (hidden.length ? '; not ' + hidden.join(', ') : '');
		console.log(`| ${nhs} | ${given} ${family} (${gender}, ${born}) | ${described.join('; ')} | ${answer} |`);
	}
}
