#!/usr/bin/env node
// Uploads the output of generate.mjs to a CP-IS server: organisations and the information sharing
// agreement as the board administrator, then each council's children and plans as that council's
// system, in parallel transaction bundles, with a progress bar on stderr. Every upload is a
// conditional create or update, so an interrupted load can simply be run again: nothing is stored
// twice. Refused records are listed at the end with the server's reject reason; the exit code is 1
// if any was refused. No npm dependencies.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { parseArgs } from './lib/args.mjs';
import * as fhir from './lib/fhir.mjs';
import { planUploads } from './lib/uploads.mjs';

const USAGE = `Usage: node test-data/generator/load.mjs --server URL --data DIR [options]

  --server URL            the server, e.g. http://localhost:8080 (its FHIR base is URL/fhir unless URL ends in /fhir)
  --data DIR              output folder of generate.mjs
  --concurrency N         uploads in flight at once (default: 8)
  --batch N               children per bundle, for NDJSON data (default: 50; bundle data keeps its own size)
  --token TOKEN           send this bearer token on every request (a production identity provider's token
                          that may act as the board administrator and as every council)
  --token-command CMD     run CMD to get a token for a client; {client} in CMD is replaced by the client id
                          (e.g. --token-command './get-token.sh {client}'); it must print the token
  --token-url URL         client-credentials token endpoint (default: <server>/oauth2/token, demo mode)
  --client-secret S       client secret for the token endpoint (default: demo-secret)
  --admin-client ID       client id of the board administrator (default: board-admin)
  --council-client T      client id of a council, {ods} replaced by its ODS code (default: la-{ods})
  --retries N             attempts per upload on 429, 502, 503, 504, 409 and lost connections, with
                          backoff (default: 10); other 5xx answers are tried 3 times
  --timeout S             seconds to wait for one upload (default: 300)
  --report FILE           also write the summary and every failure as JSON to FILE
  --time-limit S          stop starting uploads after S seconds (e.g. to measure a rate); exit code 3
  --no-progress           no progress bar (a line every 10 s instead); the default when stderr is not a terminal
`;

const options = parseArgs(process.argv.slice(2), {
  server: { required: true },
  data: { required: true },
  concurrency: { type: 'int', default: 8, min: 1, max: 256 },
  batch: { type: 'int', default: 50, min: 1, max: 1000 },
  token: {},
  'token-command': {},
  'token-url': {},
  'client-secret': { default: 'demo-secret' },
  'admin-client': { default: 'board-admin' },
  'council-client': { default: 'la-{ods}' },
  retries: { type: 'int', default: 10, min: 1, max: 100 },
  timeout: { type: 'int', default: 300, min: 1 },
  report: {},
  'time-limit': { type: 'int', min: 1 },
  'no-progress': { type: 'boolean', default: false },
}, USAGE);

const server = options.server.replace(/\/+$/, '');
const fhirBase = server.endsWith('/fhir') ? server : `${server}/fhir`;
const serverRoot = fhirBase.slice(0, -'/fhir'.length);
const tokenUrl = options['token-url'] ?? `${serverRoot}/oauth2/token`;
const RETRYABLE = new Set([409, 429, 502, 503, 504]);

// ------------------------------------------------------------------ what to upload
const manifestPath = join(options.data, 'manifest.json');
if (!existsSync(manifestPath)) die(`${manifestPath} not found: --data must be an output folder of generate.mjs`);
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const adminClient = options['admin-client'];
const councilClient = (ods) => options['council-client'].replaceAll('{ods}', ods);
const phases = manifest.format === 'ndjson' ? phasesFromNdjson() : phasesFromBundles();
const totalResources = phases.reduce((sum, phase) => sum + phase.units.reduce((s, unit) => s + unit.entries, 0), 0);

/** Bundle output: the files in the manifest's order, each sent as it is. */
function phasesFromBundles() {
  return manifest.phases.map((phase) => ({
    name: phase.name,
    units: phase.files.map((file) => ({
      label: file.file,
      client: file.persona ? councilClient(file.persona.replace(/^la-/, '')) : adminClient,
      entries: file.entries,
      body: () => readFile(join(options.data, file.file), 'utf8'),
    })),
  }));
}

/** NDJSON output: bundles built here, the same shape generate.mjs writes. */
function phasesFromNdjson() {
  const read = (type) => {
    const path = manifest.ndjson?.[type];
    if (!path) return [];
    return readFileSync(join(options.data, path), 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
  };
  const chunks = (items, size) => Array.from({ length: Math.ceil(items.length / size) }, (_, k) => items.slice(k * size, (k + 1) * size));
  const adminUnits = (name, resources, size) => chunks(resources, size).map((part, k) => {
    const bundle = fhir.transaction(part.map((resource) => fhir.entry(resource)));
    return { label: `${name} bundle ${k + 1}`, client: adminClient, entries: part.length, body: async () => JSON.stringify(bundle) };
  });
  const organisations = read('Organization');
  const result = [
    { name: 'organisations', units: adminUnits('organisations', organisations.filter((o) => !o.partOf), 100) },
    { name: 'sites', units: adminUnits('sites', organisations.filter((o) => o.partOf), 100) },
    { name: 'signatories', units: adminUnits('signatories', read('PractitionerRole'), 100) },
    { name: 'agreement', units: adminUnits('agreement', read('Group'), 1) },
  ];
  const patients = new Map(read('Patient').map((p) => [fhir.nhsNumberOf(p), p]));
  const people = new Map();
  for (const flag of read('Flag')) {
    const ods = fhir.conditionalValue(flag.author, 'Organization', fhir.ODS);
    const nhsNumber = fhir.conditionalValue(flag.subject, 'Patient', fhir.NHS_NUMBER);
    if (!ods || !nhsNumber || !patients.has(nhsNumber)) die(`plan ${flag.identifier?.[0]?.value}: its author and subject must be conditional references to an ODS code and to a Patient in Patient.ndjson`);
    if (!people.has(nhsNumber)) people.set(nhsNumber, { patient: patients.get(nhsNumber), plans: [] });
    people.get(nhsNumber).plans.push(flag);
  }
  const uploads = planUploads(people.values(), (flag) => fhir.conditionalValue(flag.author, 'Organization', fhir.ODS), options.batch);
  for (const name of ['plans', 'plans-other-councils']) {
    result.push({
      name,
      units: uploads[name].map(({ ods, part, items }) => {
        const bundle = fhir.councilBundle(items.map(({ person, plans }) => ({ patient: person.patient, plans })));
        return { label: `${name} of council ${ods}, bundle ${part}`, client: councilClient(ods), entries: bundle.entry.length, body: async () => JSON.stringify(bundle) };
      }),
    });
  }
  return result;
}

// ------------------------------------------------------------------ tokens
const tokens = new Map();

function tokenFor(client) {
  if (options.token) return Promise.resolve(options.token);
  const cached = tokens.get(client);
  if (cached && (cached.expires === undefined || cached.expires > Date.now() + 30000)) return cached.promise;
  const promise = options['token-command'] ? tokenFromCommand(client) : tokenFromEndpoint(client);
  const entry = { promise: promise.then((t) => t.token) };
  tokens.set(client, entry);
  promise.then((t) => { entry.expires = t.expires; }, () => tokens.delete(client));
  return entry.promise;
}

async function tokenFromEndpoint(client) {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(tokenUrl, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(client)}:${encodeURIComponent(options['client-secret'])}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
        signal: AbortSignal.timeout(30000),
      });
      if (response.ok) {
        const body = await response.json();
        return { token: body.access_token, expires: body.expires_in ? Date.now() + body.expires_in * 1000 : undefined };
      }
      if (!RETRYABLE.has(response.status) || attempt >= options.retries) {
        throw new Error(`token endpoint ${tokenUrl} answered ${response.status} for client ${client}`);
      }
    } catch (error) {
      if (!isConnectionError(error) || attempt >= options.retries) throw error;
    }
    await sleep(backoff(attempt));
  }
}

function tokenFromCommand(client) {
  const command = options['token-command'].replaceAll('{client}', client);
  return new Promise((resolve, reject) => {
    execFile('/bin/sh', ['-c', command], { timeout: 60000 }, (error, stdout) => {
      if (error) reject(new Error(`token command failed for client ${client}: ${error.message}`));
      else resolve({ token: stdout.trim(), expires: Date.now() + 5 * 60000 });
    });
  });
}

// ------------------------------------------------------------------ uploading
const stats = {
  done: 0, created: {}, existing: {}, failed: 0, retries: 0, requests: 0, started: Date.now(),
};
const failures = [];
let stopping = false;
let timedOut = false;
let currentPhase = '';

async function upload(unit) {
  const text = await unit.body();
  const client = unit.client;
  const answer = await send(client, text, unit.label);
  if (answer.ok) {
    countEntries(answer.body, unit, null);
    return;
  }
  if (answer.status >= 400 && answer.status < 500 && answer.status !== 401 && answer.status !== 403) {
    // The transaction was refused as a whole: send its entries as a batch, each on its own, to
    // store the good ones and learn which were refused and why.
    const bundle = JSON.parse(text);
    const batch = await send(client, JSON.stringify(fhir.asBatch(bundle)), unit.label);
    if (batch.ok) {
      countEntries(batch.body, unit, bundle);
      return;
    }
    return failWhole(unit, batch, JSON.parse(text));
  }
  return failWhole(unit, answer, JSON.parse(text));
}

function countEntries(response, unit, sent) {
  const entries = response?.entry ?? [];
  entries.forEach((e, index) => {
    const status = Number.parseInt(e.response?.status ?? '0', 10);
    const type = (e.response?.location ?? sent?.entry[index]?.resource?.resourceType ?? 'unknown').split('/')[0];
    if (status === 201) stats.created[type] = (stats.created[type] ?? 0) + 1;
    else if (status >= 200 && status < 300) stats.existing[type] = (stats.existing[type] ?? 0) + 1;
    else {
      const resource = sent?.entry[index]?.resource;
      recordFailure(unit, index, resource, status, e.response?.outcome);
    }
  });
  stats.done += unit.entries;
}

/** The whole upload was refused (403, 500 after retries, connection lost...): one failure naming all its records. */
function failWhole(unit, answer, sent) {
  recordFailure(unit, -1, null, answer.status, answer.body, answer.error, sent.entry.length);
  stats.done += unit.entries;
}

function recordFailure(unit, index, resource, status, outcome, error, records = 1) {
  stats.failed += records;
  const issue = outcome?.resourceType === 'OperationOutcome' ? outcome.issue?.find((i) => i.severity === 'error' || i.severity === 'fatal') ?? outcome.issue?.[0] : null;
  const reason = issue?.details?.coding?.find((c) => c.system === 'https://fhir.cpis.uk/CodeSystem/cpis-reject-reason')?.code
    ?? (issue?.code ? `fhir:${issue.code}` : 'no-outcome');
  failures.push({
    upload: unit.label,
    entry: index >= 0 ? index + 1 : null,
    record: index >= 0 ? describe(resource) : `all ${records} records`,
    status: status || null,
    reason,
    message: error ?? issue?.diagnostics ?? issue?.details?.text ?? null,
  });
}

/** Which record, without patient data: a plan by the council's plan id, a child by the last digits of the NHS number. */
function describe(resource) {
  if (!resource) return 'unknown';
  const identifier = resource.identifier?.[0]?.value ?? '?';
  if (resource.resourceType === 'Patient') return `Patient (NHS number ending ${String(identifier).slice(-4)})`;
  return `${resource.resourceType} ${identifier}`;
}

/** POST a bundle, retrying on overload and lost connections; answers { ok, status, body, error }. */
async function send(client, text, label) {
  let refreshedToken = false;
  for (let attempt = 1; ; attempt++) {
    let status = 0;
    let retryAfter = null;
    let error;
    try {
      const token = await tokenFor(client);
      stats.requests++;
      const response = await fetch(`${fhirBase}?_pretty=false`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
        body: text,
        signal: AbortSignal.timeout(options.timeout * 1000),
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      const body = await response.json().catch(() => null);
      if (response.ok) return { ok: true, status, body };
      if (status === 401 && !refreshedToken && !options.token) {
        tokens.delete(client);
        refreshedToken = true;
        attempt--;
        continue;
      }
      // Uploads are idempotent, so an internal error (e.g. a lock timeout on an embedded database) is worth another go or two
      const retryable = RETRYABLE.has(status) || (status >= 500 && attempt < 3);
      if (!retryable || attempt >= options.retries) {
        return { ok: false, status, body, error: body ? undefined : `HTTP ${status} without an OperationOutcome` };
      }
    } catch (e) {
      error = e;
      if (!(isConnectionError(e) || e.name === 'TimeoutError') || attempt >= options.retries) {
        return { ok: false, status: 0, body: null, error: `${label}: ${e.cause?.code ?? e.name}: ${e.message}` };
      }
    }
    stats.retries++;
    const seconds = Number.parseInt(retryAfter ?? '', 10);
    await sleep(Number.isFinite(seconds) ? Math.min(seconds * 1000, 60000) : backoff(attempt));
    if (stopping && error) return { ok: false, status: 0, body: null, error: 'interrupted' };
  }
}

function isConnectionError(error) {
  const code = error?.cause?.code ?? error?.code;
  return error?.name === 'TypeError' || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED'].includes(code);
}

const backoff = (attempt) => Math.min(30000, 500 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs every unit of a phase, at most {@code concurrency} at once. */
async function runPhase(phase) {
  currentPhase = phase.name;
  let next = 0;
  const worker = async () => {
    while (!stopping && next < phase.units.length) {
      const unit = phase.units[next++];
      try {
        await upload(unit);
      } catch (e) {
        // a failure of the loader itself (token, unreadable file): every record of the upload failed
        recordFailure(unit, -1, null, 0, null, `${e.message}`, unit.entries);
        stats.done += unit.entries;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, phase.units.length) }, worker));
}

// ------------------------------------------------------------------ progress
const tty = process.stderr.isTTY && !options['no-progress'];
const samples = [];
let lastLine = 0;

function progress(final = false) {
  const now = Date.now();
  samples.push([now, stats.done]);
  while (samples.length > 2 && now - samples[0][0] > 15000) samples.shift();
  const [t0, d0] = samples[0];
  const windowRate = now > t0 ? ((stats.done - d0) * 1000) / (now - t0) : 0;
  const elapsed = (now - stats.started) / 1000;
  const overall = elapsed > 0 ? stats.done / elapsed : 0;
  const rate = final ? overall : windowRate || overall;
  const fraction = totalResources ? stats.done / totalResources : 1;
  const eta = rate > 0 ? (totalResources - stats.done) / rate : Infinity;
  const width = 28;
  const filled = Math.round(fraction * width);
  const line = `${currentPhase.padEnd(20)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(1).padStart(5)}% `
    + `${fmt(stats.done)}/${fmt(totalResources)} resources  ${fmt(Math.round(rate))}/s  `
    + `${final ? `took ${clock(elapsed)}` : `ETA ${clock(eta)}`}  failed ${fmt(stats.failed)}  retries ${fmt(stats.retries)}`;
  if (tty) {
    process.stderr.write(`\r${line}\x1b[K${final ? '\n' : ''}`);
  } else if (final || now - lastLine >= 10000) {
    lastLine = now;
    process.stderr.write(`${line}\n`);
  }
}

const fmt = (n) => n.toLocaleString('en-GB');
function clock(seconds) {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h ? `${h}:${String(m).padStart(2, '0')}` : m}:${String(s % 60).padStart(2, '0')}`;
}

// ------------------------------------------------------------------ main
process.on('SIGINT', () => {
  if (stopping) process.exit(130);
  stopping = true;
  process.stderr.write('\ninterrupted: finishing the uploads in flight (Ctrl-C again to quit at once)\n');
});

process.stderr.write(`loading ${fmt(totalResources)} resources from ${options.data} into ${fhirBase}, ${options.concurrency} uploads at a time\n`);
lastLine = Date.now();
if (options['time-limit']) {
  setTimeout(() => {
    if (stopping) return;
    stopping = true;
    timedOut = true;
    process.stderr.write(`\ntime limit of ${options['time-limit']} s reached: finishing the uploads in flight\n`);
  }, options['time-limit'] * 1000).unref();
}
const ticker = setInterval(progress, tty ? 250 : 1000);
for (const phase of phases) {
  if (stopping) break;
  await runPhase(phase);
}
clearInterval(ticker);
progress(true);

const elapsed = (Date.now() - stats.started) / 1000;
const summary = {
  server: fhirBase,
  data: options.data,
  interrupted: stopping && !timedOut,
  timeLimitReached: timedOut,
  resources: totalResources,
  processed: stats.done,
  seconds: Number(elapsed.toFixed(1)),
  resourcesPerSecond: Math.round(stats.done / Math.max(elapsed, 0.001)),
  requests: stats.requests,
  retries: stats.retries,
  created: stats.created,
  alreadyThere: stats.existing,
  failed: stats.failed,
  failures,
};
const byType = (counts) => Object.entries(counts).map(([type, n]) => `${type} ${fmt(n)}`).join(', ') || 'none';
const out = [
  `${timedOut ? 'time limit reached after loading' : stopping ? 'interrupted after' : 'loaded'} ${fmt(stats.done)} of ${fmt(totalResources)} resources in ${clock(elapsed)} (${fmt(summary.resourcesPerSecond)} resources/s), ${fmt(stats.requests)} requests, ${fmt(stats.retries)} retries`,
  `created: ${byType(stats.created)}`,
  `already there: ${byType(stats.existing)}`,
  `failed: ${fmt(stats.failed)}`,
];
const SHOWN = 200;
for (const f of failures.slice(0, SHOWN)) {
  out.push(`  ${f.upload}${f.entry ? `, entry ${f.entry}` : ''}: ${f.record}: ${f.status ?? '-'} ${f.reason}${f.message ? `: ${f.message}` : ''}`);
}
if (failures.length > SHOWN) out.push(`  ... and ${fmt(failures.length - SHOWN)} more${options.report ? ` (all in ${options.report})` : ' (--report FILE lists them all)'}`);
if (stopping) out.push('run the same command again to finish: nothing already stored is stored twice');
process.stdout.write(out.join('\n') + '\n');
if (options.report) writeFileSync(options.report, JSON.stringify(summary, null, 1) + '\n');
process.exit(timedOut ? 3 : stopping ? 130 : stats.failed > 0 ? 1 : 0);

function die(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
