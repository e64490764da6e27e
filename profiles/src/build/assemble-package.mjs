// Packs SUSHI's output into a FHIR NPM package (https://confluence.hl7.org/display/FHIR/NPM+Package+Specification):
//   package/package.json                   name, version, canonical, fhirVersions, dependencies, type fhir.ig
//   package/.index.json                    index-version 1 over the conformance resources
//   package/<Type>-<id>.json               every conformance resource (StructureDefinitions with snapshots)
//   package/example/.index.json            index of the examples
//   package/example/<Type>-<id>.json       every example instance
// Package metadata comes from sushi-config.yaml, so FSH + sushi-config stay the single source.
// The tarball is reproducible: sorted entries, fixed modification time, no gzip timestamp.
//
// usage: node src/build/assemble-package.mjs <sushi resources dir> <output package.tgz>
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const [resourcesDir, outFile] = process.argv.slice(2);
if (!resourcesDir || !outFile) {
  console.error('usage: assemble-package.mjs <sushi resources dir> <output package.tgz>');
  process.exit(2);
}

// Conformance (definitional) resource types; anything else SUSHI produced is an example instance.
const CONFORMANCE_TYPES = new Set([
  'StructureDefinition', 'ValueSet', 'CodeSystem', 'ConceptMap', 'NamingSystem', 'SearchParameter',
  'CapabilityStatement', 'OperationDefinition', 'CompartmentDefinition', 'StructureMap', 'GraphDefinition',
  'MessageDefinition', 'ImplementationGuide', 'TerminologyCapabilities', 'ExampleScenario',
]);

function fail(msg) {
  console.error(`[assemble-package] ERROR: ${msg}`);
  process.exit(1);
}

// --- package metadata from the top-level scalar keys of sushi-config.yaml --------------------------------
function readSushiConfig(file) {
  const cfg = {};
  let parent = null;
  for (const raw of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(raw)) continue;
    const top = raw.match(/^([A-Za-z][\w-]*):\s*(.*?)\s*$/);
    if (top) {
      parent = top[1];
      if (top[2] !== '') cfg[parent] = unquote(top[2]);
      continue;
    }
    const nested = raw.match(/^\s+([A-Za-z][\w-]*):\s*(.+?)\s*$/);
    if (nested && parent) cfg[`${parent}.${nested[1]}`] = unquote(nested[2]);
  }
  return cfg;
}
function unquote(v) {
  const m = v.match(/^(["'])(.*)\1$/);
  return m ? m[2] : v;
}

const cfg = readSushiConfig('sushi-config.yaml');
for (const k of ['id', 'canonical', 'version', 'fhirVersion']) if (!cfg[k]) fail(`sushi-config.yaml has no ${k}`);

const packageJson = {
  name: cfg.id,
  version: cfg.version,
  canonical: cfg.canonical,
  url: cfg.canonical,
  title: cfg.title,
  description: cfg.description,
  fhirVersions: [cfg.fhirVersion],
  dependencies: { 'hl7.fhir.r4.core': '4.0.1' },
  author: cfg['publisher.name'] ?? cfg.publisher,
  license: cfg.license,
  type: 'fhir.ig',
};

// --- resources -----------------------------------------------------------------------------------------
let files;
try {
  files = readdirSync(resourcesDir).filter((f) => f.endsWith('.json')).sort();
} catch (e) {
  fail(`cannot read ${resourcesDir}: ${e.message} (did SUSHI run?)`);
}
if (files.length === 0) fail(`no resources in ${resourcesDir}`);

const definitions = [];
const examples = [];
const seen = new Set();
for (const f of files) {
  const text = readFileSync(join(resourcesDir, f), 'utf8');
  const res = JSON.parse(text);
  if (!res.resourceType || !res.id) fail(`${f} has no resourceType or id`);
  const filename = `${res.resourceType}-${res.id}.json`;
  if (seen.has(filename)) fail(`two resources would be written as ${filename}`);
  seen.add(filename);
  if (res.resourceType === 'StructureDefinition' && !res.snapshot?.element?.length) {
    fail(`${filename} has no snapshot (SUSHI must run with -s)`);
  }
  const entry = { filename, resourceType: res.resourceType, id: res.id };
  for (const k of ['url', 'version', 'kind', 'type']) if (typeof res[k] === 'string') entry[k] = res[k];
  const item = { entry, content: Buffer.from(JSON.stringify(res, null, 2) + '\n', 'utf8') };
  (CONFORMANCE_TYPES.has(res.resourceType) ? definitions : examples).push(item);
}

const index = (items) => Buffer.from(JSON.stringify({ 'index-version': 1, files: items.map((i) => i.entry) }, null, 2) + '\n');
const json = (o) => Buffer.from(JSON.stringify(o, null, 2) + '\n', 'utf8');

const entries = [
  ['package/package.json', json(packageJson)],
  ['package/.index.json', index(definitions)],
  ...definitions.map((i) => [`package/${i.entry.filename}`, i.content]),
];
if (examples.length) {
  entries.push(['package/example/.index.json', index(examples)]);
  entries.push(...examples.map((i) => [`package/example/${i.entry.filename}`, i.content]));
}

// --- minimal POSIX ustar writer --------------------------------------------------------------------------
const MTIME = Number(process.env.SOURCE_DATE_EPOCH ?? 1735689600); // 2025-01-01T00:00:00Z

function header(name, size, type = '0') {
  const h = Buffer.alloc(512, 0);
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 155);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100) fail(`path too long for ustar: ${name}`);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  const put = (str, off, len) => h.write(str, off, Math.min(len, Buffer.byteLength(str)), 'utf8');
  const oct = (n, len) => n.toString(8).padStart(len - 1, '0') + '\0';
  put(base, 0, 100);
  put(oct(type === '5' ? 0o755 : 0o644, 8), 100, 8);
  put(oct(0, 8), 108, 8); // uid
  put(oct(0, 8), 116, 8); // gid
  put(oct(size, 12), 124, 12);
  put(oct(MTIME, 12), 136, 12);
  h.fill(' ', 148, 156); // checksum placeholder
  put(type, 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  put('root', 265, 32);
  put('root', 297, 32);
  put(prefix, 345, 155);
  let sum = 0;
  for (const b of h) sum += b;
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return h;
}

const blocks = [];
const dirs = new Set();
for (const [name, content] of entries) {
  const dir = name.slice(0, name.lastIndexOf('/') + 1);
  if (!dirs.has(dir)) {
    dirs.add(dir);
    blocks.push(header(dir, 0, '5'));
  }
  blocks.push(header(name, content.length));
  blocks.push(content);
  const pad = (512 - (content.length % 512)) % 512;
  if (pad) blocks.push(Buffer.alloc(pad, 0));
}
blocks.push(Buffer.alloc(1024, 0));

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, gzipSync(Buffer.concat(blocks), { level: 9 }));
console.log(
  `[assemble-package] ${outFile}: ${packageJson.name}#${packageJson.version}, ` +
    `${definitions.length} conformance resources, ${examples.length} examples`,
);
