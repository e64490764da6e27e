// The client side of bench/faults: each command prints one JSON line of what it saw.
//   node faults.mjs bundle <entries> <file>          a transaction of new Medway children; prints its NHS number range
//   node faults.mjs lookups <seconds> <concurrency> <nhs,...>   clinician look-ups (BENCH_ROOT, BENCH_TOKEN), statuses counted
//   node faults.mjs soak <seconds> <rate> <nhs,...>     look-ups at a steady rate, and one upload a second
//   node faults.mjs fuzz <requests>                  malformed and hostile requests (BENCH_ROOT, BENCH_TOKENS)
//   node faults.mjs listener <port> <file>           a council's notification endpoint, one AuditEvent id per line
import { createServer } from 'node:http';
import { appendFileSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = process.env.BENCH_ROOT;
const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const [command, ...args] = process.argv.slice(2);

/** A valid NHS number (modulus 11) from a nine-digit stem, or null when the stem has none. */
function nhsNumber(stem) {
  const digits = String(stem).padStart(9, '0');
  const sum = [...digits].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? null : digits + check;
}

/** Internals that must never reach a client. */
const LEAK = /\bat [a-z]+\.[a-zA-Z.]+\(|java\.lang\.|ca\.uhn\.fhir\.(?!validation)|org\.hibernate|org\.springframework|uk\.cpis\.server|SQLState|PSQLException|\bselect .* from hfj_/i;

async function lookups(seconds, concurrency, numbers, rate = 0) {
  const counts = {};
  let leaks = 0;
  let plansInRefusals = 0;
  const start = Date.now();
  const end = start + seconds * 1000;
  let sent = 0;
  const worker = async () => {
    while (Date.now() < end) {
      if (rate > 0) {
        // a steady rate: the n-th look-up is sent n/rate seconds after the start
        const due = start + (sent++ / rate) * 1000;
        if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      }
      const nhs = numbers[Math.floor(Math.random() * numbers.length)];
      let status;
      let body = '';
      try {
        const r = await fetch(`${root}/fhir/Flag?patient:identifier=${NHS}%7C${nhs}&_include=Flag:author`, {
          headers: { Authorization: `Bearer ${process.env.BENCH_TOKEN}`, IsUnscheduledAccessEvent: 'true' },
          signal: AbortSignal.timeout(15000),
        });
        status = String(r.status);
        body = await r.text();
      } catch (e) {
        status = `no answer (${e.cause?.code ?? e.name})`;
      }
      counts[status] = (counts[status] ?? 0) + 1;
      if (LEAK.test(body)) leaks++;
      if (status !== '200' && body.includes('"resourceType": "Flag"')) plansInRefusals++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { counts, leaks, plansInRefusals, seconds: (Date.now() - start) / 1000 };
}

/** Uploads one new Medway child per second (BENCH_UPLOAD_TOKEN) while the look-ups run; statuses counted. */
async function uploads(seconds) {
  const counts = {};
  const end = Date.now() + seconds * 1000;
  let stem = 980000000 + Math.floor(Math.random() * 9000) * 1000;
  while (Date.now() < end) {
    let n;
    do { n = nhsNumber(stem++); } while (!n);
    const patient = JSON.parse(readFileSync(join(here, '..', 'test-data', 'invalid', 'nhs-number-not-verified.json'), 'utf8'))
      .entry[0].resource;
    patient.identifier[0].value = n;
    const coding = patient.identifier[0].extension[0].valueCodeableConcept.coding[0];
    coding.code = '01';
    delete coding.display;
    let status;
    try {
      const r = await fetch(`${root}/fhir/Patient`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${process.env.BENCH_UPLOAD_TOKEN}`, 'Content-Type': 'application/fhir+json' },
        body: JSON.stringify(patient),
        signal: AbortSignal.timeout(15000),
      });
      status = String(r.status);
      await r.text();
    } catch {
      status = 'no answer';
    }
    counts[status] = (counts[status] ?? 0) + 1;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return counts;
}

function bundle(entries, file) {
  const base = 990000000 + Math.floor(Math.random() * 9000) * 1000; // a fresh block of NHS numbers per run
  const numbers = [];
  for (let stem = base; numbers.length < entries; stem++) {
    const n = nhsNumber(stem);
    if (n) numbers.push(n);
  }
  const entry = numbers.map((n) => ({
    resource: {
      resourceType: 'Patient',
      meta: { profile: ['https://fhir.cpis.uk/StructureDefinition/cpis-patient'] },
      identifier: [{
        extension: [{
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
          valueCodeableConcept: { coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland', code: '01' }] },
        }],
        system: NHS,
        value: n,
      }],
      name: [{ family: 'Faultrun', given: ['Child'] }],
      gender: 'female',
      birthDate: '2016-03-01',
    },
    request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${NHS}|${n}` },
  }));
  writeFileSync(file, JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry }));
  return { entries, first: numbers[0], last: numbers.at(-1) };
}

// ---- fuzz ----

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function mutate(value, random, depth = 0) {
  if (Array.isArray(value)) {
    const copy = value.map((v) => mutate(v, random, depth + 1));
    if (random() < 0.1) copy.push(mutate(copy[0], random, depth + 1));
    if (random() < 0.1) copy.splice(0, 1);
    return copy;
  }
  if (value && typeof value === 'object') {
    const copy = {};
    for (const [k, v] of Object.entries(value)) {
      const roll = random();
      if (roll < 0.04) continue; // element removed
      if (roll < 0.06) { copy[k + 'x'] = v; continue; } // unknown element
      if (roll < 0.08) { copy[k] = [v, v]; continue; } // cardinality
      copy[k] = mutate(v, random, depth + 1);
    }
    return copy;
  }
  const roll = random();
  if (roll < 0.03) return null;
  if (roll < 0.05) return typeof value === 'string' ? 12345 : 'not-a-' + typeof value;
  if (roll < 0.06) return 'A'.repeat(70000);
  if (roll < 0.07) return '<script>alert(1)</script>\u0000\u202e';
  if (roll < 0.08 && typeof value === 'string') return value.slice(0, Math.floor(value.length / 2));
  if (roll < 0.09) return "' OR 1=1 --";
  return value;
}

function deep(levels) {
  let v = { resourceType: 'Patient' };
  let cursor = v;
  for (let i = 0; i < levels; i++) { cursor.extension = [{ url: 'x', extension: [] }]; cursor = cursor.extension[0]; }
  return v;
}

async function fuzz(total) {
  const tokens = JSON.parse(process.env.BENCH_TOKENS); // persona -> token
  const personas = Object.keys(tokens);
  const samples = [];
  for (const dir of ['test-data/bundles', 'test-data/invalid']) {
    for (const f of readdirSync(join(here, '..', dir)).filter((n) => n.endsWith('.json'))) {
      samples.push(JSON.parse(readFileSync(join(here, '..', dir, f), 'utf8')));
    }
  }
  const capability = await (await fetch(`${root}/fhir/metadata`)).json();
  const types = capability.rest[0].resource.map((r) => r.type);
  const params = capability.rest[0].resource.flatMap((r) => (r.searchParam ?? []).map((p) => [r.type, p.name]));
  const random = rng(20261205);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const oddValues = ['', '%', '%00', '..%2F..%2Fetc%2Fpasswd', 'a'.repeat(9000), '9999999999', 'gt2026-13-45', '\u00e9\u0000', '$', 'x|y|z', '*', '-1', '1e309', '{}', '[', 'http://169.254.169.254/'];
  const make = [
    // mutated sample bodies, as the persona that would upload them
    () => ({ method: 'POST', path: '/fhir', body: JSON.stringify(mutate(pick(samples), random)) }),
    () => { const r = pick(pick(samples).entry ?? [{}]).resource ?? {}; return { method: 'POST', path: `/fhir/${r.resourceType ?? 'Patient'}`, body: JSON.stringify(mutate(r, random)) }; },
    () => { const r = pick(pick(samples).entry ?? [{}]).resource ?? {}; return { method: 'PUT', path: `/fhir/${r.resourceType ?? 'Flag'}/${pick(['1', 'abc', '99999999', '-1', '1%2F2'])}`, body: JSON.stringify(mutate(r, random)) }; },
    // broken syntax, other formats, huge and deep bodies
    () => ({ method: 'POST', path: '/fhir', body: JSON.stringify(pick(samples)).slice(0, Math.floor(random() * 2000)) }),
    () => ({ method: 'POST', path: '/fhir/Patient', body: '<Patient xmlns="http://hl7.org/fhir"><id value="1"/><name><family value="' + 'x'.repeat(100) + '"/></name><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]></Patient>', type: 'application/fhir+xml' }),
    () => ({ method: 'POST', path: '/fhir/Patient', body: JSON.stringify(deep(200 + Math.floor(random() * 800))) }),
    () => ({ method: 'POST', path: '/fhir', body: '{"resourceType":"Bundle","type":"transaction","entry":[' + Array(3000).fill('{}').join(',') + ']}' }),
    () => ({ method: 'POST', path: '/fhir/Patient', body: 'x'.repeat(11 * 1024 * 1024) }),
    // searches with the CapabilityStatement's parameters and odd values, modifiers, chains
    () => { const [t, p] = pick(params); return { method: 'GET', path: `/fhir/${t}?${p}${pick(['', ':missing', ':not', ':exact', ':contains', ':identifier', '.identifier', ':below', ':text'])}=${encodeURIComponent(pick(oddValues))}&${pick(['_count', '_sort', '_include', '_revinclude', '_has:Flag:subject:status', '_summary', '_elements', '_total', '_format', '_getpages', '_id', '_lastUpdated'])}=${encodeURIComponent(pick([...oddValues, '0', 'count', 'Flag:author', '*', 'accurate', '-date']))}` }; },
    () => ({ method: pick(['GET', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND']), path: `/fhir/${pick(types)}/${pick(['1', '$cpis-lookup', '_history', '$everything', '$meta', '$validate', '$expunge', '../..', '%2e%2e'])}` }),
    () => ({ method: 'GET', path: pick(['/fhir/Patient/$cpis-lookup?identifier=', '/fhir/$cpis-statistics?start=2026-99&end=x', '/fhir/Organization/$cpis-signatory?identifier=x', '/fhir?_getpages=' + 'a'.repeat(300), '/fhir/_history', '/fhir/metadata?_format=' + pick(oddValues), '/fhir/Flag?patient:identifier=' + NHS + '%7C' + pick(oddValues), '/fhir/..;/actuator/env', '/actuator/env', '/fhir/%00', '/fhir/Patient?' + 'a=b&'.repeat(2000)]) }),
    () => ({ method: 'POST', path: '/fhir/Patient/$cpis-lookup', body: JSON.stringify(mutate({ resourceType: 'Parameters', parameter: [{ name: 'identifier', valueString: `${NHS}|9990000484` }] }, random)) }),
  ];
  const oddHeaders = [
    {}, { 'Content-Type': 'text/plain' }, { 'Content-Type': 'application/fhir+json; charset=utf-16' }, { Accept: 'application/x-turtle' },
    { 'If-None-Exist': 'identifier=x' }, { 'If-Match': 'W/"abc"' }, { 'If-None-Match': '*' }, { Prefer: 'return=OperationOutcome; handling=lenient' },
    { 'X-Forwarded-Host': 'evil.example' }, { 'IsUnscheduledAccessEvent': 'maybe' }, { TraceID: 'x'.repeat(5000) }, { 'X-HTTP-Method-Override': 'DELETE' },
  ];
  const authorizations = () => pick([
    `Bearer ${tokens[pick(personas)]}`, `Bearer ${tokens[pick(personas)]}`, `Bearer ${tokens[pick(personas)]}`,
    'Bearer ', 'Bearer abc.def.ghi', `Bearer ${tokens[pick(personas)].slice(0, -4)}AAAA`, 'Basic ZWQtY2xpbmljaWFuOmRlbW8tc2VjcmV0', undefined,
    'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
  ]);
  const counts = { total: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, 'closed, over the limit': 0, 'no answer': 0 };
  const bad = [];
  const silent = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next++;
      const req = pick(make)();
      const headers = { ...pick(oddHeaders) };
      const auth = authorizations();
      if (auth) headers.Authorization = auth;
      if (req.body && !headers['Content-Type']) headers['Content-Type'] = req.type ?? 'application/fhir+json';
      let status;
      let text = '';
      try {
        const r = await fetch(root + req.path, { method: req.method, headers, body: req.body, signal: AbortSignal.timeout(60000) });
        status = r.status;
        text = req.method === 'HEAD' ? '' : await r.text();
      } catch (e) {
        // a body over the 10 MB limit is refused (413) as it arrives; the connection may close while the
        // client still sends, which the client sees as a broken pipe
        status = (req.body?.length ?? 0) > 10 * 1024 * 1024 ? 'closed, over the limit' : 'no answer';
        if (status === 'no answer') silent.push({ method: req.method, path: req.path.slice(0, 120), bodyLength: req.body?.length ?? 0, why: e.cause?.code ?? e.name });
      }
      counts.total++;
      counts[typeof status === 'number' ? `${Math.floor(status / 100)}xx` : status]++;
      const leaked = LEAK.test(text);
      if ((typeof status === 'number' && status >= 500) || leaked) {
        bad.push({ status, leaked, method: req.method, path: req.path.slice(0, 160), body: text.slice(0, 300) });
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { counts, failures: bad.length, examples: bad.slice(0, 5), noAnswers: silent.slice(0, 10) };
}

function listener(port, file) {
  writeFileSync(file, '');
  createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      try { appendFileSync(file, JSON.parse(body).id + '\n'); } catch { appendFileSync(file, 'unparsable\n'); }
      res.writeHead(200).end();
    });
  }).listen(Number(port), '127.0.0.1');
}

if (command === 'bundle') console.log(JSON.stringify(bundle(Number(args[0]), args[1])));
else if (command === 'lookups') console.log(JSON.stringify(await lookups(Number(args[0]), Number(args[1]), args[2].split(','))));
else if (command === 'soak') {
  const [looked, uploaded] = await Promise.all([lookups(Number(args[0]), 32, args[2].split(','), Number(args[1])), uploads(Number(args[0]))]);
  console.log(JSON.stringify({ ...looked, uploads: uploaded }));
} else if (command === 'fuzz') console.log(JSON.stringify(await fuzz(Number(args[0]))));
else if (command === 'listener') listener(args[0], args[1]);
else { console.error('usage: see the top of faults.mjs'); process.exit(2); }
