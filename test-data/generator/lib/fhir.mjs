// The CP-IS resource shapes the server accepts (see test-data/bundles/ and profiles/input/fsh/), and
// how each is uploaded so that uploading it again stores nothing new: Organizations and the
// agreement by conditional update on their identifier, seats, children and plans by conditional
// create on theirs. Shared by generate.mjs (bundle output) and load.mjs (NDJSON input).

export const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const NHS_NUMBER = 'https://fhir.nhs.uk/Id/nhs-number';
export const BOARD_SEAT = 'https://fhir.cpis.uk/Id/board-seat';
export const BOARD = 'https://fhir.cpis.uk/Id/board';
export const PLAN_ID = 'https://fhir.cpis.uk/Id/la-plan-id/';
export const SNOMED = 'http://snomed.info/sct';

/**
 * How generated organisations say they are synthetic. Not with meta.tag (HL7 ActReason HTEST), the
 * usual FHIR way: this server fails about half of the concurrent uploads of tagged plans with a 500
 * (a Hibernate error at commit), while untagged uploads never did. The ODS codes (Z...) and NHS
 * numbers (999/998 blocks) are synthetic ranges anyway.
 */
export const SYNTHETIC_ALIAS = 'Synthetic test data (CP-IS test-data generator)';

export const PLAN_TYPES = {
  CPP: { code: '342191000000101', display: 'Child protection plan' },
  LAC: { code: '764841000000100', display: 'Looked after child' },
  UCPP: { code: '818901000000100', display: 'Unborn child protection plan' },
};

export const LEGAL_STATUSES = {
  s31: 'Full care order (Children Act 1989 s31)',
  s38: 'Interim care order (Children Act 1989 s38)',
  s20: 'Voluntary agreement (Children Act 1989 s20)',
};

const PARTNER_TYPES = {
  'local-authority': 'Local authority',
  'nhs-trust': 'NHS trust',
  'gp-practice': 'GP practice',
};

export const CARE_SETTINGS = {
  'emergency-department': 'Emergency department',
  'urgent-treatment-centre': 'Urgent treatment centre',
  'walk-in-centre': 'Walk-in centre',
  'minor-injury-unit': 'Minor injury unit',
  'gp-out-of-hours': 'GP out of hours',
  'maternity-unit': 'Maternity unit',
  'paediatric-ward': 'Paediatric ward',
  'gp-in-hours': 'GP in hours',
};

export function organizationReference(odsCode) {
  return { reference: `Organization?identifier=${ODS}|${odsCode}` };
}

export function patientReference(nhsNumber) {
  return { reference: `Patient?identifier=${NHS_NUMBER}|${nhsNumber}` };
}

/** A council (CP-IS Local Authority profile): office-hours and emergency duty phones. */
export function council({ ods, name, officePhone, emergencyPhone }) {
  return {
    ...organization(ods, name, 'local-authority'),
    telecom: [
      { system: 'phone', value: officePhone, use: 'work' },
      { system: 'phone', value: emergencyPhone, use: 'mobile' },
    ],
  };
}

/** A care setting: an NHS trust, one of its sites (partOf the trust) or a GP practice. */
export function careSetting({ ods, name, partnerType, careSetting, partOf }) {
  const resource = organization(ods, name, partnerType, careSetting);
  if (partOf) resource.partOf = organizationReference(partOf);
  return resource;
}

function organization(ods, name, partnerType, careSetting) {
  const type = [{ coding: [{ system: 'https://fhir.cpis.uk/CodeSystem/cpis-partner-agency-type', code: partnerType, display: PARTNER_TYPES[partnerType] }] }];
  if (careSetting) {
    type.push({ coding: [{ system: 'https://fhir.cpis.uk/CodeSystem/cpis-care-setting', code: careSetting, display: CARE_SETTINGS[careSetting] }] });
  }
  return { resourceType: 'Organization', identifier: [{ system: ODS, value: ods }], active: true, name, alias: [SYNTHETIC_ALIAS], type };
}

/** A signatory seat of the information sharing agreement for one organisation. */
export function signatorySeat(ods) {
  return {
    resourceType: 'PractitionerRole',
    identifier: [{ system: BOARD_SEAT, value: `isa-signatory-${ods}` }],
    active: true,
    organization: organizationReference(ods),
    code: [{ coding: [{ system: 'https://fhir.cpis.uk/CodeSystem/cpis-board-role', code: 'signatory', display: 'Signatory' }] }],
  };
}

/** The information sharing agreement: every seat a member from {@code since}. */
export function sharingAgreement({ id, name, odsCodes, since }) {
  return {
    resourceType: 'Group',
    identifier: [{ system: BOARD, value: id }],
    type: 'practitioner',
    actual: true,
    code: { coding: [{ system: 'https://fhir.cpis.uk/CodeSystem/cpis-board-type', code: 'information-sharing-agreement', display: 'Information sharing agreement' }] },
    name,
    member: odsCodes.map((ods) => ({
      entity: { reference: `PractitionerRole?identifier=${BOARD_SEAT}|isa-signatory-${ods}` },
      period: { start: since },
    })),
  };
}

/** A child, or a mother with an unborn child protection plan: verified NHS number and the demographics to match it. */
export function patient({ nhsNumber, family, given, gender, birthDate }) {
  return {
    resourceType: 'Patient',
    identifier: [{
      extension: [{
        url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
        valueCodeableConcept: { coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland', code: '01', display: 'Number present and verified' }] },
      }],
      system: NHS_NUMBER,
      value: nhsNumber,
    }],
    name: [{ family, given: [given] }],
    gender,
    birthDate,
  };
}

/** A plan (CP-IS Flag) of a council for a person; ended plans are inactive with an end date. */
export function plan({ planId, council: ods, type, legalStatus, start, end, nhsNumber }) {
  const flag = { resourceType: 'Flag' };
  if (legalStatus) {
    flag.extension = [{
      url: 'https://fhir.cpis.uk/StructureDefinition/cpis-looked-after-legal-status',
      valueCoding: { system: 'https://fhir.cpis.uk/CodeSystem/cpis-looked-after-legal-status', code: legalStatus, display: LEGAL_STATUSES[legalStatus] },
    }];
  }
  Object.assign(flag, {
    identifier: [{ system: PLAN_ID + ods, value: planId }],
    status: end ? 'inactive' : 'active',
    category: [{ coding: [{ system: 'https://fhir.cpis.uk/CodeSystem/cpis-flag-category', code: 'child-protection', display: 'CP-IS child protection information' }] }],
    code: { coding: [{ system: SNOMED, ...PLAN_TYPES[type] }] },
    subject: patientReference(nhsNumber),
    period: end ? { start, end } : { start },
    author: organizationReference(ods),
  });
  return flag;
}

/** The transaction entry that uploads a resource without ever duplicating it. */
export function entry(resource, fullUrl) {
  const [identifier] = resource.identifier;
  const match = `identifier=${identifier.system}|${identifier.value}`;
  const request = resource.resourceType === 'Organization' || resource.resourceType === 'Group'
    ? { method: 'PUT', url: `${resource.resourceType}?${match}` }
    : { method: 'POST', url: resource.resourceType, ifNoneExist: match };
  return fullUrl ? { fullUrl, resource, request } : { resource, request };
}

export function transaction(entries) {
  return { resourceType: 'Bundle', type: 'transaction', entry: entries };
}

export const nhsNumberOf = (patientResource) => patientResource.identifier.find((i) => i.system === NHS_NUMBER)?.value;
export const odsOf = (organizationResource) => organizationResource.identifier.find((i) => i.system === ODS)?.value;

/** The value a conditional reference such as {@code Patient?identifier=<system>|<value>} names, or null. */
export function conditionalValue(reference, type, system) {
  const prefix = `${type}?identifier=${system}|`;
  return reference?.reference?.startsWith(prefix) ? reference.reference.slice(prefix.length) : null;
}

/**
 * One upload of a council: transaction bundle of its children (each once, by conditional create)
 * followed by their plans. {@code people} is [{ patient, plans: [Flag, ...] }]. A plan names its
 * child by the child's entry (urn:uuid) in the same bundle, as the hand-written samples do.
 */
export function councilBundle(people) {
  const entries = [];
  people.forEach(({ patient: child, plans }, index) => {
    const fullUrl = `urn:uuid:00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;
    entries.push(entry(child, fullUrl));
    for (const flag of plans) {
      entries.push(entry({ ...flag, subject: { reference: fullUrl } }));
    }
  });
  return transaction(entries);
}

/**
 * The same upload as a batch, each entry on its own so each can fail on its own: the plans name
 * their child by conditional reference on the NHS number instead of by urn:uuid. Used by the loader
 * to find out which records a refused transaction held.
 */
export function asBatch(bundle) {
  const byFullUrl = new Map();
  for (const e of bundle.entry) {
    if (e.fullUrl && e.resource.resourceType === 'Patient') byFullUrl.set(e.fullUrl, nhsNumberOf(e.resource));
  }
  return {
    resourceType: 'Bundle',
    type: 'batch',
    entry: bundle.entry.map((e) => {
      const copy = { resource: e.resource, request: e.request };
      const subject = e.resource.subject?.reference;
      if (subject && byFullUrl.has(subject)) copy.resource = { ...e.resource, subject: patientReference(byFullUrl.get(subject)) };
      return copy;
    }),
  };
}
