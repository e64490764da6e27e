// Posts 100-entry transaction bundles and times them; see validation-cost.
const [base, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg);
async function tokenFor(persona) {
  const response = await fetch(new URL('/oauth2/token', base), {
    method: 'POST',
    headers: { Authorization: 'Basic ' + Buffer.from(`${persona}:demo-secret`).toString('base64'),
      'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  return (await response.json()).access_token;
}
// A council's social care system uploads children; PractitionerRoles are the board administrator's.
const councilToken = await tokenFor('la-medway');
const boardAdminToken = await tokenFor('board-admin');
const ENTRIES = 100;
let serial = Date.now() % 100000;

function nhsNumber() {
  for (;;) {
    const nine = '999' + String(serial++ % 1000000).padStart(6, '0');
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
    let check = 11 - (sum % 11);
    if (check === 11) check = 0;
    if (check !== 10) return nine + check;
  }
}

function patient() {
  return {
    resourceType: 'Patient',
    identifier: [{
      extension: [{
        url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
        valueCodeableConcept: { coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland', code: '01' }] },
      }],
      system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhsNumber(),
    }],
    name: [{ family: 'Bench', given: ['Child'] }], gender: 'female', birthDate: '2015-05-05',
  };
}

function practitionerRole() {
  return { resourceType: 'PractitionerRole', active: true, code: [{ text: 'bench ' + serial++ }] };
}

function bundle(make) {
  return {
    resourceType: 'Bundle', type: 'transaction',
    entry: Array.from({ length: ENTRIES }, () => {
      const resource = make();
      return { resource, request: { method: 'POST', url: resource.resourceType } };
    }),
  };
}

async function post(path, body, token = councilToken) {
  const start = performance.now();
  const response = await fetch(base + path, {
    method: 'POST', headers: { 'Content-Type': 'application/fhir+json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok && path !== '/Patient/$validate') throw new Error(`${path}: ${response.status} ${text.slice(0, 500)}`);
  return performance.now() - start;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// Warm up both paths (JIT, validator caches) before measuring.
for (let i = 0; i < 3; i++) { await post('', bundle(patient)); await post('', bundle(practitionerRole), boardAdminToken); }

const patients = [], roles = [], validates = [];
for (let i = 0; i < rounds; i++) {
  patients.push(await post('', bundle(patient)));
  roles.push(await post('', bundle(practitionerRole), boardAdminToken));
}
for (let i = 0; i < rounds * 10; i++) {
  validates.push(await post('/Patient/$validate', {
    resourceType: 'Parameters',
    parameter: [{ name: 'resource', resource: patient() },
      { name: 'profile', valueString: 'https://fhir.cpis.uk/StructureDefinition/cpis-patient' }],
  }));
}

const p = median(patients), r = median(roles);
console.log(`rounds: ${rounds} x ${ENTRIES}-entry transaction bundles (medians)`);
console.log(`100 CP-IS Patients (profile-validated): ${p.toFixed(0)} ms  = ${(p / ENTRIES).toFixed(2)} ms/resource`);
console.log(`100 PractitionerRoles (no profile):      ${r.toFixed(0)} ms  = ${(r / ENTRIES).toFixed(2)} ms/resource`);
console.log(`validation (and write audit) cost: ${((p - r) / ENTRIES).toFixed(2)} ms/resource (difference of the two)`);
console.log(`Patient/$validate against cpis-patient: median ${median(validates).toFixed(1)} ms per call`);
