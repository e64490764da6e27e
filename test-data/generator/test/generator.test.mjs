// node --test test-data/generator/  (no dependencies): the NHS number rules, and that the
// generator's output is reproducible and keeps to the CP-IS business rules the server enforces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDigit, isValid, NhsNumberSource } from '../lib/nhs-number.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const generate = join(here, '..', 'generate.mjs');

test('check digits follow modulus 11', () => {
  assert.equal(isValid('9990000115'), true);
  assert.equal(isValid('9434765919'), true); // NHS Digital's published example
  assert.equal(isValid('9434765918'), false);
  assert.equal(checkDigit('999000000'), null, 'a remainder giving 10 is no number at all');
});

test('synthetic NHS numbers are valid, unique and start 999 until that block is used up', () => {
  const source = new NhsNumberSource('test', 'x');
  const seen = new Set();
  for (let i = 0; i < 20000; i++) {
    const n = source.next();
    assert.ok(isValid(n), n);
    assert.ok(n.startsWith('999') && n[3] !== '0', n);
    assert.ok(!seen.has(n), `repeated ${n}`);
    seen.add(n);
  }
});

function run(...args) {
  const out = mkdtempSync(join(tmpdir(), 'cpis-gen-test-'));
  execFileSync(process.execPath, [generate, '--out', out, '--as-of', '2026-01-15', ...args], { stdio: 'pipe' });
  return out;
}

function files(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(dir, join(prefix, e.name)) : [join(prefix, e.name)]).sort();
}

test('the same options write the same files', () => {
  const a = run('--children', '500', '--councils', '4', '--care-settings', '12', '--seed', 's1');
  const b = run('--children', '500', '--councils', '4', '--care-settings', '12', '--seed', 's1');
  const c = run('--children', '500', '--councils', '4', '--care-settings', '12', '--seed', 's2');
  try {
    assert.deepEqual(files(a), files(b));
    for (const f of files(a)) assert.equal(readFileSync(join(a, f), 'utf8'), readFileSync(join(b, f), 'utf8'), f);
    assert.notEqual(readFileSync(join(a, 'nhs-numbers/flagged.txt'), 'utf8'), readFileSync(join(c, 'nhs-numbers/flagged.txt'), 'utf8'));
  } finally {
    for (const d of [a, b, c]) rmSync(d, { recursive: true, force: true });
  }
});

test('plans keep to the business rules and the national proportions', () => {
  const out = run('--children', '5000', '--councils', '20', '--care-settings', '40', '--format', 'ndjson', '--background', '1000');
  try {
    const read = (type) => readFileSync(join(out, 'ndjson', `${type}.ndjson`), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const patients = new Map(read('Patient').map((p) => [p.identifier[0].value, p]));
    const flags = read('Flag');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    assert.equal(patients.size, 5000);
    assert.equal(flags.length, manifest.counts.plans.total);
    const byType = { '342191000000101': 0, '764841000000100': 0, '818901000000100': 0 };
    const active = new Set();
    let ended = 0;
    for (const flag of flags) {
      const type = flag.code.coding[0].code;
      byType[type]++;
      const nhs = flag.subject.reference.split('|')[1];
      const person = patients.get(nhs);
      assert.ok(person, 'every plan names a generated person');
      const { start, end } = flag.period;
      assert.ok(start >= person.birthDate || type === '818901000000100', 'no plan before birth');
      if (end) {
        ended++;
        assert.ok(end >= start, 'ends on or after its start');
        assert.equal(flag.status, 'inactive');
      } else {
        assert.equal(flag.status, 'active');
      }
      const ageAtStart = yearsBetween(person.birthDate, start);
      if (type === '818901000000100') {
        assert.equal(person.gender, 'female');
        assert.ok(ageAtStart >= 18, 'unborn plans are on the adult mother');
      } else {
        assert.ok(ageAtStart < 18, 'CPP and LAC are for children');
      }
      assert.equal(Boolean(flag.extension), type === '764841000000100', 'legal status only, and always, on LAC');
      if (flag.status === 'active') {
        const key = `${nhs} ${flag.author.reference} ${type}`;
        assert.ok(!active.has(key), 'one active plan of a type per child per council');
        active.add(key);
      }
    }
    const total = flags.length;
    assert.ok(Math.abs(byType['342191000000101'] / total - 0.40) < 0.02);
    assert.ok(Math.abs(byType['764841000000100'] / total - 0.59) < 0.02);
    assert.ok(Math.abs(byType['818901000000100'] / total - 0.01) < 0.005);
    assert.ok(Math.abs(ended / total - 0.10) < 0.02, `ended ${ended / total}`);
    const background = readFileSync(join(out, 'nhs-numbers/background.txt'), 'utf8').trim().split('\n');
    assert.equal(background.length, 1000);
    for (const n of background) {
      assert.ok(isValid(n) && !patients.has(n), 'background people are valid and unflagged');
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

function yearsBetween(from, to) {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}
