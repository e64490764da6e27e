// The CP-IS loop as a vendor's JavaScript system drives it, with fhir-kit-client: a council uploads a
// child and a plan (twice: the second upload must change nothing), an emergency department clinician
// looks the child up three ways (the standard Flag search, $cpis-lookup, the national CareTeam view)
// and reads the access history. Prints what it saw as one JSON object; VendorClientIT checks it.
//
//   node vendor-loop.mjs <server root, e.g. http://localhost:8080> <NHS number>
import { Client } from 'fhir-kit-client';

const [root, nhsNumber] = process.argv.slice(2);
const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';

async function token(persona) {
  const response = await fetch(`${root}/oauth2/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${persona}:demo-secret`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (!response.ok) throw new Error(`token for ${persona}: HTTP ${response.status}`);
  return (await response.json()).access_token;
}

async function clientAs(persona) {
  return new Client({ baseUrl: `${root}/fhir`, customHeaders: { Authorization: `Bearer ${await token(persona)}` } });
}

const upload = {
  resourceType: 'Bundle',
  type: 'transaction',
  entry: [
    {
      fullUrl: 'urn:uuid:6b0d1c8e-0c1f-4c43-9d55-3f3a1f3c0001',
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
        name: [{ family: 'Vendor', given: ['Test'] }],
        gender: 'male',
        birthDate: '2016-09-12',
      },
      request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${NHS}|${nhsNumber}` },
    },
    {
      resource: {
        resourceType: 'Flag',
        identifier: [{ system: 'https://fhir.cpis.uk/Id/la-plan-id/00LC', value: `JS-${nhsNumber}` }],
        status: 'active',
        category: [{ coding: [{ system: 'https://fhir.cpis.uk/CodeSystem/cpis-flag-category', code: 'child-protection' }] }],
        code: { coding: [{ system: 'http://snomed.info/sct', code: '342191000000101', display: 'Child protection plan' }] },
        subject: { reference: 'urn:uuid:6b0d1c8e-0c1f-4c43-9d55-3f3a1f3c0001' },
        period: { start: '2025-10-01' },
        author: { reference: `Organization?identifier=${ODS}|00LC` },
      },
      request: { method: 'POST', url: 'Flag', ifNoneExist: `identifier=https://fhir.cpis.uk/Id/la-plan-id/00LC|JS-${nhsNumber}` },
    },
  ],
};

const entries = (bundle, type) => (bundle.entry ?? []).map((e) => e.resource).filter((r) => r.resourceType === type);

const council = await clientAs('la-medway');
const firstUpload = await council.transaction({ body: upload });
const secondUpload = await council.transaction({ body: upload });

const clinician = await clientAs('ed-clinician');
const search = await clinician.search({
  resourceType: 'Flag',
  searchParams: { 'patient:identifier': `${NHS}|${nhsNumber}`, _include: 'Flag:author' },
});
const lookup = await clinician.operation({
  name: 'cpis-lookup', resourceType: 'Patient', method: 'get', input: { identifier: `${NHS}|${nhsNumber}` },
});
const careTeams = await clinician.search({ resourceType: 'CareTeam', searchParams: { 'patient:identifier': `${NHS}|${nhsNumber}` } });
const history = await clinician.search({ resourceType: 'AuditEvent', searchParams: { 'patient:identifier': `${NHS}|${nhsNumber}` } });
let fishing;
try {
  await clinician.search({ resourceType: 'Flag', searchParams: { status: 'active' } });
  fishing = 'answered';
} catch (error) {
  fishing = { status: error.response?.status, diagnostics: error.response?.data?.issue?.[0]?.diagnostics };
}

const council0 = entries(search, 'Organization')[0];
console.log(JSON.stringify({
  firstUpload: firstUpload.entry.map((e) => e.response.status),
  secondUpload: secondUpload.entry.map((e) => e.response.status),
  plans: entries(search, 'Flag').map((f) => f.code.coding[0].code),
  council: council0?.name,
  councilPhones: (council0?.telecom ?? []).map((t) => t.use),
  lookupTypes: (lookup.entry ?? []).map((e) => e.resource.resourceType),
  careTeams: entries(careTeams, 'CareTeam').map((t) => t.name),
  historyAccesses: entries(history, 'AuditEvent').length,
  fishing,
}));
