// The CP-IS loop driven by @medplum/core's MedplumClient, as a vendor's JavaScript system would:
// a council uploads a child and a plan (transaction), an emergency department clinician looks the
// child up (Flag search with IsUnscheduledAccessEvent, $cpis-lookup) and reads the access history,
// and the council pages through its children with searchResourcePages (which sends each next link's
// parameters to /fhir/Patient rather than following the link as it is). Prints what it saw as one
// JSON object; MedplumClientIT checks it.
//
//   node medplum-loop.mjs <server root, e.g. http://localhost:8080> <NHS number>
import { MedplumClient } from '@medplum/core';

const [root, nhsNumber] = process.argv.slice(2);
const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const child = `${NHS}|${nhsNumber}`;

// every request medplum sends, so the test can show which URL it used for the next pages
const sent = [];
const recordingFetch = (url, init) => {
  sent.push(`${init?.method ?? 'GET'} ${url.toString().replace(root, '')}`);
  return fetch(url, init);
};

async function clientAs(persona) {
  const response = await fetch(`${root}/oauth2/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${persona}:demo-secret`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (!response.ok) throw new Error(`token for ${persona}: HTTP ${response.status}`);
  const medplum = new MedplumClient({ baseUrl: root, fhirUrlPath: 'fhir', fetch: recordingFetch });
  medplum.setAccessToken((await response.json()).access_token);
  return medplum;
}

const upload = {
  resourceType: 'Bundle',
  type: 'transaction',
  entry: [
    {
      fullUrl: 'urn:uuid:7c1e2d9f-1d20-4d54-8e66-4a4b2f4d0001',
      resource: {
        resourceType: 'Patient',
        identifier: [{
          extension: [{
            url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
            valueCodeableConcept: { coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland', code: '01' }] },
          }],
          system: NHS,
          value: nhsNumber,
        }],
        name: [{ family: 'Medplum', given: ['Test'] }],
        gender: 'female',
        birthDate: '2017-03-02',
      },
      request: { method: 'PUT', url: `Patient?identifier=${child}` },
    },
    {
      resource: {
        resourceType: 'Flag',
        identifier: [{ system: 'https://fhir.cpis.uk/Id/la-plan-id/00LC', value: `MP-${nhsNumber}` }],
        status: 'active',
        category: [{ coding: [{ system: 'https://fhir.cpis.uk/CodeSystem/cpis-flag-category', code: 'child-protection' }] }],
        code: { coding: [{ system: 'http://snomed.info/sct', code: '342191000000101', display: 'Child protection plan' }] },
        subject: { reference: 'urn:uuid:7c1e2d9f-1d20-4d54-8e66-4a4b2f4d0001' },
        period: { start: '2025-10-01' },
        author: { reference: `Organization?identifier=${ODS}|00LC` },
      },
      request: { method: 'PUT', url: `Flag?identifier=https://fhir.cpis.uk/Id/la-plan-id/00LC|MP-${nhsNumber}` },
    },
  ],
};

const entries = (bundle, type) => (bundle.entry ?? []).map((e) => e.resource).filter((r) => r.resourceType === type);
const unscheduled = { headers: { IsUnscheduledAccessEvent: 'true' } };

const council = await clientAs('la-medway');
const uploaded = await council.executeBatch(upload);

const clinician = await clientAs('ed-clinician');
const search = await clinician.search('Flag', { 'patient:identifier': child, _include: 'Flag:author' }, unscheduled);
const lookupUrl = clinician.fhirUrl('Patient', '$cpis-lookup');
lookupUrl.searchParams.set('identifier', child);
const lookup = await clinician.get(lookupUrl, unscheduled);
const history = await clinician.search('AuditEvent', { 'patient:identifier': child }, unscheduled);
let fishing;
try {
  await clinician.search('Flag', { status: 'active' });
  fishing = 'answered';
} catch (error) {
  fishing = { diagnostics: error.outcome?.issue?.[0]?.diagnostics };
}

// the council's own children, two to a page, every page
const firstPaging = sent.length;
const pages = [];
for await (const page of council.searchResourcePages('Patient', { _count: 2 })) {
  pages.push(page.map((patient) => patient.id));
}

console.log(JSON.stringify({
  upload: uploaded.entry.map((e) => e.response.status),
  plans: entries(search, 'Flag').map((f) => f.code.coding[0].code),
  council: entries(search, 'Organization')[0]?.name,
  lookupTypes: (lookup.entry ?? []).map((e) => e.resource.resourceType),
  historyAccesses: entries(history, 'AuditEvent').length,
  fishing,
  pages,
  pagingRequests: sent.slice(firstPaging),
}));
