// Times clinician look-ups and the server's audit write for each; see audit-latency.
const [root, countArg, database] = process.argv.slice(2);
const count = Number(countArg);
const NHS = 'https://fhir.nhs.uk/Id/nhs-number|';

async function token(persona) {
  const response = await fetch(`${root}/oauth2/token`, {
    method: 'POST',
    headers: { Authorization: 'Basic ' + Buffer.from(`${persona}:demo-secret`).toString('base64'),
      'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  return (await response.json()).access_token;
}

const clinician = await token('ed-clinician');

// The sample data's children with plans; other numbers (valid check digits, 999 prefix) have none.
const flagged = ['9990000115', '9990000484', '9990000859', '9990001227'];
function unflagged(i) {
  for (let n = 100000 + i * 7; ; n++) {
    const nine = '999' + String(n).padStart(6, '0');
    let sum = 0;
    for (let d = 0; d < 9; d++) sum += Number(nine[d]) * (10 - d);
    let check = 11 - (sum % 11);
    if (check === 11) check = 0;
    if (check !== 10 && !flagged.includes(nine + check)) return nine + check;
  }
}

async function lookUp(nhsNumber) {
  const start = performance.now();
  const response = await fetch(`${root}/fhir/Flag?patient:identifier=${encodeURIComponent(NHS + nhsNumber)}&_include=Flag:author`,
    { headers: { Authorization: `Bearer ${clinician}` } });
  await response.text();
  if (response.status !== 200) throw new Error(`look-up answered ${response.status}`);
  return performance.now() - start;
}

async function auditTimer() {
  const text = await (await fetch(`${root}/actuator/prometheus`)).text();
  const value = (name) => Number((text.match(new RegExp(`^${name}\\{[^}]*kind="access"[^}]*\\} (\\S+)`, 'm')) || [0, 0])[1]);
  return { count: value('cpis_audit_write_seconds_count'), sum: value('cpis_audit_write_seconds_sum') };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

for (let i = 0; i < 50; i++) await lookUp(i % 10 === 0 ? flagged[i % 4] : unflagged(i)); // warm-up

const before = await auditTimer();
const latencies = [];
for (let i = 0; i < count; i++) {
  // about 10% of children seen in an ED have a plan
  latencies.push(await lookUp(i % 10 === 0 ? flagged[i % 4] : unflagged(1000 + i)));
}
const after = await auditTimer();
const writes = after.count - before.count;
const auditMs = writes > 0 ? ((after.sum - before.sum) / writes) * 1000 : NaN;
const p50 = percentile(latencies, 0.5);

console.log(`audit latency benchmark (${database}, sequential, ${count} look-ups, ~10% flagged), ${new Date().toISOString()}`);
console.log(`look-up (GET Flag?patient:identifier=...&_include=Flag:author, with its access record):`);
console.log(`  p50 ${p50.toFixed(1)} ms   p95 ${percentile(latencies, 0.95).toFixed(1)} ms   p99 ${percentile(latencies, 0.99).toFixed(1)} ms`);
console.log(`access records written: ${writes} (expected ${count})`);
console.log(`audit write on the look-up's path: mean ${auditMs.toFixed(2)} ms = ${((auditMs / p50) * 100).toFixed(0)}% of the p50 look-up`);
