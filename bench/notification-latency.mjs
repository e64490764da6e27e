// Access-to-arrival latency of CP-IS notifications at a council's listener; see notification-latency.
import http from 'node:http';

const [root, countArg, database] = process.argv.slice(2);
const count = Number(countArg);
const NHS = 'https://fhir.nhs.uk/Id/nhs-number|';
// The sample data's flagged children: two with Medway (00LC) plans, two with Reading (00MC) plans.
const flagged = ['9990000115', '9990000484', '9990000859', '9990001227'];

async function token(persona) {
  const response = await fetch(`${root}/oauth2/token`, {
    method: 'POST',
    headers: { Authorization: 'Basic ' + Buffer.from(`${persona}:demo-secret`).toString('base64'),
      'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  return (await response.json()).access_token;
}

// The council's listener: every notification is a PUT /fhir/AuditEvent/{id} naming the child.
const waiting = new Map(); // NHS number -> resolve(arrival time)
const seen = new Set();
let received = 0;
let duplicates = 0;
const listener = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => { body += chunk; });
  request.on('end', () => {
    const arrived = performance.now();
    response.writeHead(200).end();
    received++;
    if (seen.has(request.url)) duplicates++;
    seen.add(request.url);
    const event = JSON.parse(body);
    const child = event.entity.find((entity) => entity.what?.identifier?.system === 'https://fhir.nhs.uk/Id/nhs-number');
    const resolve = waiting.get(child?.what.identifier.value);
    if (resolve) {
      waiting.delete(child.what.identifier.value);
      resolve(arrived);
    }
  });
});
await new Promise((resolve) => listener.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${listener.address().port}/fhir`;

const subscriptions = [];
for (const [persona, ods] of [['la-medway', '00LC'], ['la-reading', '00MC']]) {
  const council = await token(persona);
  const response = await fetch(`${root}/fhir/Subscription`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${council}`, 'Content-Type': 'application/fhir+json' },
    body: JSON.stringify({ resourceType: 'Subscription', status: 'requested', reason: 'benchmark', criteria: `AuditEvent?responsible-la=${ods}`,
      channel: { type: 'rest-hook', endpoint, payload: 'application/fhir+json' } }),
  });
  if (response.status !== 201) throw new Error(`${persona} could not subscribe: ${response.status} ${await response.text()}`);
  subscriptions.push([council, (await response.json()).id]);
}

const clinician = await token('ed-clinician');
const lookUpUrl = (nhsNumber) => `${root}/fhir/Flag?patient:identifier=${encodeURIComponent(NHS + nhsNumber)}&_include=Flag:author`;

/** One look-up; resolves with [access to arrival, answer to arrival] in ms. One look-up per child at a time. */
async function lookUpAndHear(nhsNumber) {
  const arrival = new Promise((resolve, reject) => {
    waiting.set(nhsNumber, resolve);
    setTimeout(() => reject(new Error(`no notification for a look-up within 60 s`)), 60_000).unref();
  });
  const sent = performance.now();
  const response = await fetch(lookUpUrl(nhsNumber), { headers: { Authorization: `Bearer ${clinician}` } });
  await response.text();
  const answered = performance.now();
  if (response.status !== 200) throw new Error(`look-up answered ${response.status}`);
  const arrived = await arrival;
  return [arrived - sent, arrived - answered];
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}
function line(label, values) {
  return `  ${label}: p50 ${percentile(values, 0.5).toFixed(1)} ms   p95 ${percentile(values, 0.95).toFixed(1)} ms   p99 ${percentile(values, 0.99).toFixed(1)} ms   max ${Math.max(...values).toFixed(1)} ms`;
}

for (let i = 0; i < 40; i++) await lookUpAndHear(flagged[i % 4]); // warm-up

const sequential = [];
for (let i = 0; i < count; i++) sequential.push(await lookUpAndHear(flagged[i % 4]));

// 4 flagged children, so at most 4 look-ups in flight (one per child, to tell their notifications apart)
const concurrent = [];
let next = 0;
async function worker(child) {
  while (next < count) {
    next++;
    concurrent.push(await lookUpAndHear(child));
  }
}
await Promise.all(flagged.map((child) => worker(child)));

// The server's own timer: from the notification being queued (its access record's transaction) to the
// listener's 2xx. A Prometheus histogram: quantiles are read off its buckets (upper bounds).
async function delayQuantiles() {
  const text = await (await fetch(`${root}/actuator/prometheus`)).text();
  const buckets = [...text.matchAll(/^cpis_notification_delay_seconds_bucket\{[^}]*le="([^"]+)"[^}]*\} (\S+)/gm)]
    .map(([, le, n]) => [le === '+Inf' ? Infinity : Number(le), Number(n)]).sort((a, b) => a[0] - b[0]);
  const total = buckets.length ? buckets[buckets.length - 1][1] : 0;
  const at = (q) => (buckets.find(([, n]) => n >= q * total) || [NaN])[0] * 1000;
  const sum = Number((text.match(/^cpis_notification_delay_seconds_sum\S* (\S+)/m) || [0, NaN])[1]);
  return { total, mean: (sum / total) * 1000, p50: at(0.5), p99: at(0.99) };
}
const queued = await delayQuantiles();

for (const [council, id] of subscriptions) {
  await fetch(`${root}/fhir/Subscription/${id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${council}` } });
}
listener.close();

console.log(`notification latency benchmark (${database}), ${new Date().toISOString()}`);
console.log(`unscheduled look-ups of flagged children by an ED clinician; rest-hook to a listener on this machine`);
console.log(`one at a time (${count} look-ups):`);
console.log(line('access to arrival', sequential.map(([fromAccess]) => fromAccess)));
console.log(line('answer to arrival', sequential.map(([, fromAnswer]) => fromAnswer)));
console.log(`4 at a time (${concurrent.length} look-ups):`);
console.log(line('access to arrival', concurrent.map(([fromAccess]) => fromAccess)));
console.log(line('answer to arrival', concurrent.map(([, fromAnswer]) => fromAnswer)));
console.log(`queued to acknowledged (server timer cpis_notification_delay_seconds, all ${queued.total} deliveries):`);
console.log(`  mean ${queued.mean.toFixed(1)} ms   p50 <= ${queued.p50.toFixed(1)} ms   p99 <= ${queued.p99.toFixed(1)} ms (histogram bucket bounds)`);
console.log(`notifications received: ${received} for ${40 + count + concurrent.length} look-ups (${duplicates} repeated deliveries)`);
process.exit(0);
