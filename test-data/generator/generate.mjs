#!/usr/bin/env node
// National-scale synthetic CP-IS test data: councils, care settings, the information sharing
// agreement, and flagged children and mothers with their plans. Deterministic: the same options
// (seed, sizes, --as-of) always write the same files. No npm dependencies.
import { mkdirSync, existsSync, readdirSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from './lib/args.mjs';
import { Random } from './lib/prng.mjs';
import { NhsNumberSource } from './lib/nhs-number.mjs';
import * as fhir from './lib/fhir.mjs';
import { planUploads } from './lib/uploads.mjs';
import { GIRLS, BOYS, WOMEN, SURNAMES, PLACE_STARTS, PLACE_ENDS } from './lib/names.mjs';

const USAGE = `Usage: node test-data/generator/generate.mjs --out DIR [options]

Writes synthetic CP-IS data (all marked synthetic: meta.tag HTEST, ODS codes and NHS numbers from
ranges never issued) into DIR, for load.mjs to upload.

  --out DIR              output folder (created; a previous output in it is replaced)
  --seed TEXT            seed of the pseudo-random generator (default: cpis)
  --children N           flagged children and expectant mothers (default: 130000)
  --councils N           councils, 1..999 (default: 152)
  --care-settings N      NHS trusts, their unscheduled care sites and GP practices, 0..8000 (default: 1200)
  --background N         unflagged people: NHS numbers only, written to nhs-numbers/background.txt,
                         never uploaded (CP-IS holds only flagged people), up to 1000000 (default: 0)
  --format F             bundles (transaction bundles, default) or ndjson (one file per resource type)
  --batch N              children per council bundle (default: 50)
  --as-of YYYY-MM-DD     the day the data describes (default: today, UTC); plan dates are relative to it
  --ods-prefix P         first one or two characters of every synthetic ODS code (default: Z)
  --nhs-prefix 999|998   the block NHS numbers are taken from first (default: 999; the server's tests use
                         998 so that their children never meet those of other tests)
`;

const options = parseArgs(process.argv.slice(2), {
  out: { required: true },
  seed: { default: 'cpis' },
  children: { type: 'int', default: 130000, min: 1, max: 2000000 },
  councils: { type: 'int', default: 152, min: 1, max: 999 },
  'care-settings': { type: 'int', default: 1200, min: 0, max: 8000 },
  background: { type: 'int', default: 0, min: 0, max: 1000000 },
  format: { default: 'bundles', choices: ['bundles', 'ndjson'] },
  batch: { type: 'int', default: 50, min: 1, max: 1000 },
  'as-of': { default: new Date().toISOString().slice(0, 10) },
  'ods-prefix': { default: 'Z' },
  'nhs-prefix': { default: '999', choices: ['999', '998'] },
}, USAGE);

if (!/^[A-Z0-9]{1,2}$/.test(options['ods-prefix'])) exit('--ods-prefix must be one or two capital letters or digits');
if (!/^\d{4}-\d{2}-\d{2}$/.test(options['as-of']) || Number.isNaN(Date.parse(options['as-of']))) exit('--as-of must be a date YYYY-MM-DD');

const started = Date.now();
const seed = options.seed;
const prefix = options['ods-prefix'];
const DAY = 86400000;
const asOf = Math.floor(Date.parse(options['as-of']) / DAY);
const iso = (day) => new Date(day * DAY).toISOString().slice(0, 10);
const pad = (n, width) => String(n).padStart(width, '0');
const YEAR = 365.25;

// ---------------------------------------------------------------- organisations
const places = new Random(seed, 'places');
const usedPlaces = new Set();
function placeName() {
  for (let attempt = 0; ; attempt++) {
    let name = places.pick(PLACE_STARTS) + places.pick(PLACE_ENDS);
    if (attempt > 50) name += ` ${attempt}`;
    if (!usedPlaces.has(name)) {
      usedPlaces.add(name);
      return name;
    }
  }
}

// England has 21 county councils, 36 metropolitan boroughs, 33 London boroughs (with the City)
// and about 62 unitary authorities; counties are the largest, so they get the most children.
const councilRandom = new Random(seed, 'councils');
const councils = [];
for (let i = 0; i < options.councils; i++) {
  const kind = councilRandom.weighted([['county', 21], ['metropolitan', 36], ['london', 33], ['unitary', 62]]);
  const place = placeName();
  const name = {
    county: `${place}shire County Council`,
    metropolitan: `${place} Metropolitan Borough Council`,
    london: `London Borough of ${place}`,
    unitary: `${place} ${councilRandom.pick(['Council', 'Borough Council', 'City Council'])}`,
  }[kind];
  const size = { county: 3.0, metropolitan: 1.5, london: 0.9, unitary: 0.8 }[kind] * Math.exp(0.4 * normal(councilRandom));
  councils.push({
    ods: `${prefix}C${pad(i + 1, 3)}`,
    name,
    // Ofcom's numbers for drama (never connected): 01632 960xxx and 020 7946 0xxx
    officePhone: `01632 960${pad(i, 3)}`,
    emergencyPhone: `020 7946 0${pad(i, 3)}`,
    weight: size,
    people: 0,
    plans: 0,
  });
}

const settingsRandom = new Random(seed, 'care-settings');
const trusts = [];
const sites = [];
const practices = [];
const totalSettings = options['care-settings'];
if (totalSettings > 0) {
  const trustCount = Math.max(1, Math.round(totalSettings * 0.12));
  const siteCount = Math.min(totalSettings - trustCount, Math.round(totalSettings * 0.5));
  const practiceCount = totalSettings - trustCount - siteCount;
  for (let i = 0; i < trustCount; i++) {
    const place = placeName();
    trusts.push({ ods: `${prefix}T${pad(i + 1, 3)}`, place, sites: 0,
      name: `${place} ${settingsRandom.pick(['NHS Foundation Trust', 'Hospitals NHS Foundation Trust', 'Teaching Hospitals NHS Trust', 'University Hospitals NHS Trust', 'NHS Trust'])}`,
      partnerType: 'nhs-trust' });
  }
  const siteNames = {
    'emergency-department': 'emergency department',
    'urgent-treatment-centre': 'urgent treatment centre',
    'minor-injury-unit': 'minor injuries unit',
    'walk-in-centre': 'walk-in centre',
    'maternity-unit': 'maternity unit',
    'paediatric-ward': 'children\'s ward',
  };
  for (let i = 0; i < siteCount; i++) {
    const trust = trusts[i % trustCount];
    trust.sites++;
    const careSetting = settingsRandom.weighted([['emergency-department', 40], ['urgent-treatment-centre', 20],
      ['minor-injury-unit', 10], ['walk-in-centre', 8], ['maternity-unit', 12], ['paediatric-ward', 10]]);
    const hospital = trust.sites === 1 ? trust.place : placeName();
    sites.push({ ods: `${trust.ods}${pad(trust.sites, 2)}`, partOf: trust.ods, careSetting, partnerType: 'nhs-trust',
      name: `${hospital} ${settingsRandom.pick(['General Hospital', 'Hospital', 'Royal Infirmary', 'Community Hospital'])} ${siteNames[careSetting]}` });
  }
  for (let i = 0; i < practiceCount; i++) {
    const careSetting = settingsRandom.weighted([['gp-in-hours', 70], ['gp-out-of-hours', 30]]);
    const place = placeName();
    practices.push({ ods: `${prefix}G${pad(i + 1, 4)}`, careSetting, partnerType: 'gp-practice',
      name: careSetting === 'gp-out-of-hours' ? `${place} GP out-of-hours service`
        : `${place} ${settingsRandom.pick(['Medical Practice', 'Surgery', 'Health Centre', 'Family Practice'])}` });
  }
}

// ---------------------------------------------------------------- people and plans
const people = new Random(seed, 'people');
const nhsNumbers = new NhsNumberSource(seed, 'nhs-numbers', options['nhs-prefix']);
const cumulative = [];
councils.reduce((sum, council) => {
  cumulative.push(sum + council.weight);
  return sum + council.weight;
}, 0);
function pickCouncil(except) {
  for (;;) {
    const r = people.float() * cumulative[cumulative.length - 1];
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid; else lo = mid + 1;
    }
    if (lo !== except || councils.length === 1) return lo;
  }
}

// Age bands (years, [from, to)) of children when their plan starts or today, roughly as the
// Department for Education's statistics report them.
const AGE_BANDS = {
  CPP: [[[0, 1], 10], [[1, 5], 28], [[5, 10], 30], [[10, 16], 27], [[16, 18], 5]],
  LAC: [[[0, 1], 5], [[1, 5], 14], [[5, 10], 18], [[10, 16], 39], [[16, 18], 24]],
};
function ageInDays(type) {
  const [from, to] = people.weighted(AGE_BANDS[type]);
  // at most 18 years less two days: always under 18 whatever the leap years
  return people.int(Math.round(from * YEAR), Math.round(to * YEAR) - 2);
}
// How long plans last (days): child protection plans mostly under two years, care often longer.
const DURATIONS = {
  CPP: [[[0, 90], 30], [[90, 365], 45], [[365, 730], 20], [[730, 1095], 5]],
  LAC: [[[0, 365], 35], [[365, 1095], 35], [[1095, 2555], 30]],
  UCPP: [[[14, 200], 1]],
};
function duration(type) {
  const [from, to] = people.weighted(DURATIONS[type]);
  return people.int(from, to);
}
const legalStatus = () => people.weighted([['s31', 60], ['s38', 18], ['s20', 22]]);

const N = options.children;
const categories = [];
const ucppCount = Math.round(N * 0.01);
const cppCount = Math.round(N * 0.40);
for (let i = 0; i < N; i++) categories.push(i < ucppCount ? 'UCPP' : i < ucppCount + cppCount ? 'CPP' : 'LAC');
people.shuffle(categories);

// About 10% of plans have ended: 3% of children also have an earlier, ended plan (2% with another
// council they moved from, 1% with the same council), and 7.3% of the current plans have ended.
const ENDED = 0.073;
const MOVED = 0.02;
const PLANNED_AGAIN = 0.01;
const planCounter = new Array(councils.length).fill(0);
const nextPlanId = (c) => `${councils[c].ods}-P${pad(++planCounter[c], 6)}`;

const persons = [];
const stats = { plans: 0, CPP: 0, LAC: 0, UCPP: 0, ended: 0, endedOver12Months: 0, s31: 0, s38: 0, s20: 0, movedCouncil: 0, plannedAgain: 0 };
for (let i = 0; i < N; i++) {
  const type = categories[i];
  const council = pickCouncil(-1);
  const nhsNumber = nhsNumbers.next();
  const family = people.pick(SURNAMES);
  let gender;
  let given;
  let birth;
  const plans = [];
  const ended = people.chance(ENDED);
  if (type === 'UCPP') {
    gender = 'female';
    given = people.pick(WOMEN);
    const end = ended ? asOf - people.int(0, 729) : null;
    const start = (end ?? asOf) - duration('UCPP');
    birth = start - people.int(Math.round(18 * YEAR) + 1, Math.round(44 * YEAR));
    plans.push({ council, type, start, end });
  } else {
    gender = people.chance(0.5) ? 'female' : 'male';
    given = people.pick(gender === 'female' ? GIRLS : BOYS);
    let start;
    let end = null;
    if (ended) {
      end = asOf - people.int(0, 729);
      start = end - duration(type);
      birth = start - ageInDays(type);
    } else {
      birth = asOf - ageInDays(type);
      start = Math.max(birth, asOf - duration(type));
    }
    const earlier = people.float();
    if (earlier < MOVED + PLANNED_AGAIN) {
      const moved = earlier < MOVED && councils.length > 1;
      const earlierEnd = start - people.int(1, 180);
      const earlierStart = earlierEnd - duration(type);
      if (earlierStart >= birth) {
        const earlierCouncil = moved ? pickCouncil(council) : council;
        plans.push({ council: earlierCouncil, type, legalStatus: type === 'LAC' ? legalStatus() : null, start: earlierStart, end: earlierEnd });
        stats[moved ? 'movedCouncil' : 'plannedAgain']++;
      }
    }
    plans.push({ council, type, legalStatus: type === 'LAC' ? legalStatus() : null, start, end });
  }
  for (const p of plans) {
    p.planId = nextPlanId(p.council);
    stats.plans++;
    stats[p.type]++;
    if (p.legalStatus) stats[p.legalStatus]++;
    if (p.end !== null) {
      stats.ended++;
      if (p.end < asOf - 365) stats.endedOver12Months++;
    }
    councils[p.council].plans++;
  }
  for (const c of new Set(plans.map((p) => p.council))) councils[c].people++;
  persons.push({ nhsNumber, family, given, gender, birth, plans });
}

// ---------------------------------------------------------------- resources
const agreementId = `cpis-isa-synthetic-${prefix}`;
const organisations = councils.map((c) => fhir.council(c)).concat(trusts.map(fhir.careSetting), practices.map(fhir.careSetting));
const siteResources = sites.map(fhir.careSetting);
const allOds = councils.map((c) => c.ods).concat(trusts.map((t) => t.ods), practices.map((p) => p.ods), sites.map((s) => s.ods));
const seats = allOds.map(fhir.signatorySeat);
const agreement = fhir.sharingAgreement({
  id: agreementId,
  name: `CP-IS information sharing agreement (synthetic national test data, ODS prefix ${prefix})`,
  odsCodes: allOds,
  since: '2020-04-01',
});
const patientOf = (person) => fhir.patient({ ...person, birthDate: iso(person.birth) });
const flagOf = (person, p) => fhir.plan({ ...p, council: councils[p.council].ods, start: iso(p.start), end: p.end === null ? null : iso(p.end), nhsNumber: person.nhsNumber });

// ---------------------------------------------------------------- output
const out = options.out;
prepare(out);
const manifest = {
  generator: 'cpis test-data generator 1',
  format: options.format,
  options: { seed, children: N, councils: options.councils, careSettings: totalSettings, background: options.background, batch: options.batch, asOf: options['as-of'], odsPrefix: prefix, nhsPrefix: options['nhs-prefix'] },
  counts: {
    councils: councils.length,
    careSettings: { total: trusts.length + sites.length + practices.length, trusts: trusts.length, sites: sites.length, gpPractices: practices.length },
    signatories: seats.length,
    people: persons.length,
    plans: { total: stats.plans, CPP: stats.CPP, LAC: stats.LAC, UCPP: stats.UCPP, ended: stats.ended, endedOver12Months: stats.endedOver12Months,
      lacLegalStatus: { s31: stats.s31, s38: stats.s38, s20: stats.s20 } },
    childrenWithAnEarlierPlan: { anotherCouncil: stats.movedCouncil, sameCouncil: stats.plannedAgain },
    background: options.background,
  },
  agreement: { system: fhir.BOARD, value: agreementId },
  councils: councils.map(({ ods, name, people: p, plans }) => ({ ods, name, people: p, plans })),
  careSettings: trusts.concat(sites, practices).map(({ ods, partnerType, careSetting }) => ({ ods, partnerType, careSetting: careSetting ?? null })),
  phases: [],
};

if (options.format === 'bundles') {
  const phase = (name, persona, files) => manifest.phases.push({ name, persona, files });
  const write = (dir, name, bundle) => {
    mkdirSync(join(out, dir), { recursive: true });
    const file = `${dir}/${name}.json`;
    writeFileSync(join(out, file), JSON.stringify(bundle));
    return { file, entries: bundle.entry.length, persona: undefined };
  };
  const chunks = (items, size) => Array.from({ length: Math.ceil(items.length / size) }, (_, k) => items.slice(k * size, (k + 1) * size));
  const entriesOf = (resources) => fhir.transaction(resources.map((r) => fhir.entry(r)));
  phase('organisations', 'board-admin', chunks(organisations, 100).map((part, k) => write('bundles/1-organisations', pad(k + 1, 4), entriesOf(part))));
  phase('sites', 'board-admin', chunks(siteResources, 100).map((part, k) => write('bundles/2-sites', pad(k + 1, 4), entriesOf(part))));
  phase('signatories', 'board-admin', chunks(seats, 100).map((part, k) => write('bundles/3-signatories', pad(k + 1, 4), entriesOf(part))));
  phase('agreement', 'board-admin', [write('bundles/4-agreement', '0001', entriesOf([agreement]))]);

  const uploads = planUploads(persons, (p) => councils[p.council].ods, options.batch);
  for (const [number, name] of [[5, 'plans'], [6, 'plans-other-councils']]) {
    phase(name, 'la-<ODS of the plans\' council>', uploads[name].map(({ ods, part, items }) => {
      const bundle = fhir.councilBundle(items.map(({ person, plans }) => ({ patient: patientOf(person), plans: plans.map((p) => flagOf(person, p)) })));
      return { ...write(`bundles/${number}-${name}/${ods}`, pad(part, 4), bundle), persona: `la-${ods}` };
    }));
  }
  for (const p of manifest.phases) for (const f of p.files) if (!f.persona) delete f.persona;
} else {
  mkdirSync(join(out, 'ndjson'), { recursive: true });
  const ndjson = (type, resources) => {
    const fd = openSync(join(out, 'ndjson', `${type}.ndjson`), 'w');
    let buffer = '';
    for (const resource of resources) {
      buffer += JSON.stringify(resource) + '\n';
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    writeSync(fd, buffer);
    closeSync(fd);
    return `ndjson/${type}.ndjson`;
  };
  manifest.ndjson = {
    Organization: ndjson('Organization', organisations.concat(siteResources)),
    PractitionerRole: ndjson('PractitionerRole', seats),
    Group: ndjson('Group', [agreement]),
    Patient: ndjson('Patient', (function* () { for (const person of persons) yield patientOf(person); })()),
    Flag: ndjson('Flag', (function* () { for (const person of persons) for (const p of person.plans) yield flagOf(person, p); })()),
  };
  delete manifest.phases;
}

mkdirSync(join(out, 'nhs-numbers'), { recursive: true });
writeLines(join(out, 'nhs-numbers', 'flagged.txt'), (function* () { for (const person of persons) yield person.nhsNumber; })());
writeLines(join(out, 'nhs-numbers', 'background.txt'), (function* () { for (let i = 0; i < options.background; i++) yield nhsNumbers.next(); })());
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');

const seconds = (Date.now() - started) / 1000;
process.stderr.write(`generated ${councils.length} councils, ${trusts.length + sites.length + practices.length} care settings, `
  + `${persons.length} people with ${stats.plans} plans (CPP ${stats.CPP}, LAC ${stats.LAC}, UCPP ${stats.UCPP}; ${stats.ended} ended), `
  + `${options.background} background NHS numbers, as ${options.format} in ${out} in ${seconds.toFixed(1)} s\n`);

// ---------------------------------------------------------------- helpers
function normal(random) {
  return Math.sqrt(-2 * Math.log(1 - random.float())) * Math.cos(2 * Math.PI * random.float());
}

function writeLines(path, lines) {
  const fd = openSync(path, 'w');
  let buffer = '';
  for (const line of lines) {
    buffer += line + '\n';
    if (buffer.length > 1 << 20) {
      writeSync(fd, buffer);
      buffer = '';
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
}

function prepare(dir) {
  if (existsSync(dir)) {
    const present = readdirSync(dir);
    if (present.length > 0 && !present.includes('manifest.json')) exit(`${dir} is not empty and holds no earlier output (manifest.json): choose another --out`);
    for (const name of ['manifest.json', 'bundles', 'ndjson', 'nhs-numbers']) rmSync(join(dir, name), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
}

function exit(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
