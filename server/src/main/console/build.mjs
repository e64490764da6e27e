// Builds the CP-IS console into the server's classes (cpis-console/), run by Maven at process-resources:
//   node build.mjs <out dir> <test-data dir>
// - the console's own pages (src/);
// - the NHS.UK frontend's CSS, JS and images from npm (nhsuk-frontend, pinned by package-lock.json),
//   rewritten so the browser fetches nothing from elsewhere: its image URLs made relative, and its
//   @font-face rules (Frutiger, served only from assets.nhs.uk) dropped, so the page falls back to
//   Arial, the NHS.UK frontend's own fallback;
// - the sample bundles a tester may pick (test-data/bundles and test-data/invalid) and their index.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [out, testData] = process.argv.slice(2);
if (!out || !testData) {
  console.error('usage: node build.mjs <out dir> <test-data dir>');
  process.exit(2);
}
const frontend = 'node_modules/nhsuk-frontend/dist/nhsuk';

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'nhsuk'), { recursive: true });
cpSync('src', out, { recursive: true });

const css = readFileSync(join(frontend, 'nhsuk-frontend.min.css'), 'utf8')
  .replace(/@font-face\{[^}]*\}/g, '')
  .replaceAll('url(/assets/', 'url(assets/');
const external = css.match(/url\((?!assets\/|data:)[^)]*\)/g);
if (external) {
  console.error(`[console] the NHS.UK frontend's CSS still fetches from elsewhere: ${external.join(', ')}`);
  process.exit(1);
}
writeFileSync(join(out, 'nhsuk', 'nhsuk-frontend.min.css'), css);
cpSync(join(frontend, 'nhsuk-frontend.min.js'), join(out, 'nhsuk', 'nhsuk-frontend.min.js'));
cpSync(join(frontend, 'assets', 'images'), join(out, 'nhsuk', 'assets', 'images'), { recursive: true });

// Each sample with what its folder's README says of it: who uploads it, and for an invalid one the
// request, status and reject reason the server answers with (SampleBundlesIT checks those tables).
function readmeTable(folder) {
  const rows = readFileSync(join(folder, 'README.md'), 'utf8').split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/^`|`$/g, '')));
  const header = rows.find((cells) => cells[0] === 'file');
  const byFile = {};
  for (const cells of rows.filter((c) => c[0].endsWith('.json'))) {
    byFile[cells[0]] = Object.fromEntries(header.map((name, i) => [name, cells[i]]));
  }
  return byFile;
}

const samples = [];
for (const [kind, readme] of [['bundles', testData], ['invalid', join(testData, 'invalid')]]) {
  const described = readmeTable(readme);
  mkdirSync(join(out, 'samples', kind), { recursive: true });
  for (const file of readdirSync(join(testData, kind)).filter((f) => f.endsWith('.json')).sort()) {
    const text = readFileSync(join(testData, kind, file), 'utf8');
    const resourceType = JSON.parse(text).resourceType;
    writeFileSync(join(out, 'samples', kind, file), text);
    const said = described[file] ?? {};
    samples.push({
      path: `samples/${kind}/${file}`,
      name: file.replace(/\.json$/, ''),
      valid: kind === 'bundles',
      resourceType,
      uploadAs: said['upload as'],
      request: said.request ?? 'POST /fhir',
      expected: kind === 'bundles' ? undefined : `${said.status} ${(said['reject reason'] ?? '').replace(/^none/, '')}`.trim(),
    });
  }
}
writeFileSync(join(out, 'samples', 'index.json'), JSON.stringify(samples, null, 1));
console.log(`[console] built into ${out}: NHS.UK frontend, pages, ${samples.length} samples`);
