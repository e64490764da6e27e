// The CP-IS console: a tester's view of the public FHIR API. It calls only /fhir (and, in demo mode,
// the demo token endpoint) with the token the user chose, and renders the answers. Everything from the
// server is put on the page as text, never as HTML.
const FHIR = new URL('../fhir/', document.baseURI);
const NHS_NUMBER = 'https://fhir.nhs.uk/Id/nhs-number';
const ODS_CODE = 'https://fhir.nhs.uk/Id/ods-organization-code';
const REJECT_REASON = 'https://fhir.cpis.uk/CodeSystem/cpis-reject-reason';
const EXTENSION = 'https://fhir.cpis.uk/StructureDefinition/';

const $ = (id) => document.getElementById(id);
let token = null;
let samples = [];

/** A DOM element with attributes and children (strings become text nodes). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Puts a result on the page and moves focus to its heading, so keyboard and screen reader users land on it. */
function show(container, nodes) {
  container.replaceChildren(...nodes);
  const heading = container.querySelector('h3');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

function say(message, isError = false) {
  $('status').replaceChildren(
    el('p', { class: isError ? 'nhsuk-error-message' : 'cpis-status__message' }, message),
  );
}

function table(caption, headings, rows, attrs = {}) {
  return el('table', { class: 'nhsuk-table', ...attrs },
    el('caption', { class: 'nhsuk-table__caption' }, caption),
    el('thead', { class: 'nhsuk-table__head' },
      el('tr', {}, headings.map((h) => el('th', { scope: 'col', class: 'nhsuk-table__header' }, h)))),
    el('tbody', { class: 'nhsuk-table__body' },
      rows.map((cells) => el('tr', { class: 'nhsuk-table__row' },
        cells.map((c) => el('td', { class: 'nhsuk-table__cell' }, c ?? '—'))))));
}

function errorSummary(title, messages) {
  return el('div', { class: 'nhsuk-error-summary', role: 'alert', tabindex: '-1' },
    el('h3', { class: 'nhsuk-error-summary__title' }, title),
    el('div', { class: 'nhsuk-error-summary__body' },
      el('ul', { class: 'nhsuk-list nhsuk-error-summary__list' }, messages.map((m) => el('li', {}, m)))));
}

/** A FHIR request with the chosen token; the answer's status and its JSON body (if any). */
async function fhir(method, path, { body, headers = {} } = {}) {
  const response = await fetch(new URL(path, FHIR), {
    method,
    headers: {
      Accept: 'application/fhir+json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'Content-Type': 'application/fhir+json' } : {}),
      ...headers,
    },
    body,
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  return { status: response.status, statusText: response.statusText, json, location: response.headers.get('Location') };
}

function issuesOf(outcome) {
  return (outcome?.resourceType === 'OperationOutcome' ? outcome.issue ?? [] : []).map((issue) => ({
    severity: issue.severity,
    reason: (issue.details?.coding ?? []).find((c) => c.system === REJECT_REASON)?.code,
    path: (issue.expression ?? issue.location ?? [])[0],
    // a refused transaction's issue also names its entry: Bundle.entry[3].resource.identifier
    entry: (issue.expression ?? []).map((e) => /^Bundle\.entry\[(\d+)\]/.exec(e)).find(Boolean)?.[1],
    message: issue.diagnostics ?? issue.details?.text ?? issue.code,
  }));
}

function statusText(result) {
  return `${result.status} ${result.statusText}`.trim();
}

// ---- 1. Who you are ----

function claimsOf(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  } catch {
    return {};
  }
}

function useToken(newToken, label) {
  token = newToken;
  const claims = claimsOf(newToken);
  const ods = (claims.nhsid_nrbac_roles ?? [])[0]?.org_code;
  const scopes = [].concat(claims.scope ?? []).join(' ');
  $('signed-in').textContent = `Signed in as ${label ?? claims.name ?? claims.sub ?? 'the token\'s caller'}`
    + (scopes ? ` (scope ${scopes}` + (ods ? `, ODS ${ods})` : ')') : '') + '.';
  if (ods) $('council-ods').value = ods;
  say(`Token ready: requests are now made as ${label ?? claims.name ?? 'the token\'s caller'}.`);
}

async function loadPersonas() {
  const response = await fetch('personas.json');
  if (!response.ok) return; // not in demo mode: paste a token instead
  const personas = await response.json();
  $('persona').replaceChildren(...personas.map((p) =>
    el('option', { value: p.clientId }, `${p.clientId}: ${p.description}`)));
  $('persona-choice').hidden = false;
}

async function signInAsPersona(event) {
  event.preventDefault();
  const clientId = $('persona-other').value.trim() || $('persona').value;
  const response = await fetch('../oauth2/token', {
    method: 'POST',
    headers: {
      Authorization: `Basic ${btoa(`${clientId}:demo-secret`)}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (!response.ok) {
    say(`The demo token endpoint refused ${clientId} (${response.status}).`, true);
    return;
  }
  useToken((await response.json()).access_token, clientId);
}

function usePastedToken(event) {
  event.preventDefault();
  const pasted = $('token').value.trim().replace(/^Bearer\s+/i, '');
  if (!pasted) {
    say('Paste a token first.', true);
    return;
  }
  useToken(pasted);
}

// ---- 2. Upload ----

async function loadSamples() {
  const response = await fetch('samples/index.json');
  if (!response.ok) return;
  samples = await response.json();
  const group = (label, valid) => el('optgroup', { label },
    samples.filter((s) => s.valid === valid).map((s) => el('option', { value: s.path },
      `${s.name} (upload as ${s.uploadAs}` + (s.expected ? `; answer ${s.expected})` : ')'))));
  $('sample').append(group('Valid samples (test-data/bundles)', true), group('Invalid samples (test-data/invalid)', false));
}

/** What to upload and where: a chosen sample, else a file, else the pasted text. */
async function uploadSource() {
  const sample = samples.find((s) => s.path === $('sample').value);
  if (sample) {
    const text = await (await fetch(sample.path)).text();
    return { text, target: sample.request.replace(/^POST \/fhir\/?/, ''), name: sample.name };
  }
  const file = $('bundle-file').files[0];
  const text = file ? await file.text() : $('bundle-text').value;
  return { text, name: file?.name };
}

async function upload(event) {
  event.preventDefault();
  const result = $('upload-result');
  const source = await uploadSource();
  if (!source.text.trim()) {
    show(result, [errorSummary('Nothing to upload', ['Choose a sample, a file, or paste FHIR JSON.'])]);
    return;
  }
  let sent;
  try {
    sent = JSON.parse(source.text);
  } catch (e) {
    show(result, [errorSummary('This is not JSON', [e.message])]);
    return;
  }
  const target = source.target ?? (sent.resourceType === 'Bundle' ? '' : sent.resourceType ?? '');
  const answer = await fhir('POST', target, { body: source.text });
  show(result, uploadReport(sent, target, answer, source.name));
  say(`Upload ${source.name ?? ''} answered ${statusText(answer)}.`);
}

function storedLink(location) {
  if (!location) return null;
  const path = new URL(location, FHIR).pathname.replace(/^.*?\/fhir\//, '');
  return el('a', { href: `#${path}`, class: 'cpis-stored', onclick: (e) => { e.preventDefault(); showStored(path); } }, path);
}

function uploadReport(sent, target, answer, name) {
  const request = `POST /fhir${target ? '/' + target : ''}`;
  const heading = el('h3', {}, `${name ?? 'Upload'}: ${statusText(answer)}`);
  const headings = ['#', 'Request', 'Status', 'Stored resource', 'Reject reason', 'Element', 'Message'];
  if (sent.resourceType !== 'Bundle') {
    const issues = issuesOf(answer.json);
    const first = issues[0] ?? {};
    return [heading, table('The resource', headings, [[
      '1', `${request} (${sent.resourceType})`, statusText(answer), storedLink(answer.location),
      first.reason, first.path, first.message,
    ]], { id: 'upload-table' }), ...moreIssues(issues.slice(1))];
  }
  const entries = sent.entry ?? [];
  const requestOf = (entry) => `${entry.request?.method ?? '?'} ${entry.request?.url ?? ''}`;
  if (answer.json?.resourceType === 'Bundle') {
    const rows = entries.map((entry, i) => {
      const response = answer.json.entry?.[i]?.response ?? {};
      const issue = issuesOf(response.outcome).find((x) => x.severity === 'error' || x.severity === 'fatal') ?? {};
      return [String(i + 1), requestOf(entry), response.status, storedLink(response.location), issue.reason, issue.path, issue.message];
    });
    return [heading, el('p', {}, `${sent.type ?? 'bundle'}: ${entries.length} entries.`),
      table('Each entry', headings, rows, { id: 'upload-table' })];
  }
  // The whole bundle was refused: a transaction stores all of its entries or none of them.
  const issues = issuesOf(answer.json);
  const rows = entries.map((entry, i) => [String(i + 1), requestOf(entry), `${answer.status}: not stored`, null, null, null, null]);
  const rowOfIssue = (issue) => (issue.entry === undefined ? -1 : Number(issue.entry));
  const unplaced = [];
  for (const issue of issues) {
    const i = rowOfIssue(issue);
    if (i < 0 || i >= rows.length || rows[i][6]) unplaced.push(issue);
    else rows[i].splice(4, 3, issue.reason, issue.path, issue.message);
  }
  for (const issue of unplaced) rows.push(['—', 'the whole bundle', String(answer.status), null, issue.reason, issue.path, issue.message]);
  return [heading,
    el('p', {}, `Refused: nothing of the ${entries.length} entries was stored (a transaction is all or nothing).`),
    table('Each entry', headings, rows, { id: 'upload-table' })];
}

function moreIssues(issues) {
  return issues.length ? [table('More issues', ['Severity', 'Reject reason', 'Element', 'Message'],
    issues.map((x) => [x.severity, x.reason, x.path, x.message]))] : [];
}

async function showStored(path) {
  const answer = await fhir('GET', path);
  $('resource-url').textContent = `GET /fhir/${path}: ${statusText(answer)}`;
  $('resource-json').textContent = JSON.stringify(answer.json, null, 2);
  $('resource-section').hidden = false;
  $('resource-heading').focus();
}

// ---- 3. Look-up ----

const extension = (resource, name) => (resource.extension ?? []).find((x) => x.url === EXTENSION + name);
const identifierOf = (identifiers, system) => (identifiers ?? []).find((i) => i.system === system)?.value;
const nameOf = (patient) => (patient.name ?? []).map((n) => [...(n.given ?? []), n.family].join(' '))[0];
const phone = (org, use) => (org.telecom ?? []).find((t) => t.system === 'phone' && t.use === use)?.value;
const codeDisplay = (concept) => concept?.coding?.[0]?.display ?? concept?.coding?.[0]?.code ?? concept?.text;
const period = (p) => `${p?.start ?? '?'} to ${p?.end ?? 'now'}`;

function accessRow(event) {
  const provider = (event.agent ?? []).find((a) => a.type?.coding?.some((c) => c.code === 'PROV'));
  const person = (event.agent ?? []).find((a) => a.requestor);
  const child = (event.entity ?? []).find((e) => e.what?.identifier?.system === NHS_NUMBER);
  return [
    event.recorded,
    identifierOf([provider?.who?.identifier], ODS_CODE),
    person?.who?.display,
    extension(event, 'cpis-care-setting')?.valueCoding?.code,
    extension(event, 'cpis-access-type')?.valueCode,
    child?.what?.identifier?.value,
    (event.meta?.tag ?? []).map((t) => t.code).join(', ') || null,
  ];
}

async function lookUp(event) {
  event.preventDefault();
  const nhsNumber = $('nhs-number').value.replace(/\s/g, '');
  const unscheduled = document.querySelector('input[name="care"]:checked').value;
  const answer = await fhir('GET', `Patient/$cpis-lookup?identifier=${encodeURIComponent(`${NHS_NUMBER}|${nhsNumber}`)}`,
    { headers: { IsUnscheduledAccessEvent: unscheduled } });
  show($('lookup-result'), lookUpReport(nhsNumber, answer));
  say(`Look-up of ${nhsNumber} answered ${statusText(answer)}.`);
}

function lookUpReport(nhsNumber, answer) {
  const heading = el('h3', {}, `${nhsNumber}: ${statusText(answer)}`);
  const raw = el('details', { class: 'nhsuk-details' },
    el('summary', { class: 'nhsuk-details__summary' }, el('span', { class: 'nhsuk-details__summary-text' }, 'The answer as a clinical system gets it')),
    el('div', { class: 'nhsuk-details__text' }, el('pre', { class: 'cpis-code' }, JSON.stringify(answer.json, null, 2))));
  if (answer.status !== 200 || answer.json?.resourceType !== 'Bundle') {
    return [heading, errorSummary('The look-up was refused', issuesOf(answer.json).map((x) => x.message)), raw];
  }
  const resources = (answer.json.entry ?? []).map((e) => e.resource);
  const ofType = (type) => resources.filter((r) => r.resourceType === type);
  const councils = Object.fromEntries(ofType('Organization').map((o) => [`Organization/${o.id}`, o]));
  const messages = issuesOf(ofType('OperationOutcome').at(-1));
  const parts = [heading];
  for (const message of messages) {
    parts.push(message.severity === 'warning'
      ? el('div', { class: 'nhsuk-warning-callout' },
          el('h4', { class: 'nhsuk-warning-callout__label' }, 'Warning'), el('p', {}, message.message))
      : el('div', { class: 'nhsuk-inset-text cpis-message' }, el('p', {}, message.message)));
  }
  const patients = ofType('Patient');
  if (patients.length) {
    parts.push(table('The child (or expectant mother)', ['Name', 'Born', 'Gender', 'NHS number'],
      patients.map((p) => [nameOf(p), p.birthDate, p.gender, identifierOf(p.identifier, NHS_NUMBER)]), { id: 'lookup-patients' }));
  }
  const flags = ofType('Flag');
  if (flags.length) {
    parts.push(table('Plans', ['Plan', 'Status', 'Period', 'Legal status', 'Council'],
      flags.map((f) => [codeDisplay(f.code), f.status, period(f.period),
        extension(f, 'cpis-looked-after-legal-status')?.valueCoding?.display, councils[f.author?.reference]?.name]),
      { id: 'lookup-plans' }));
    parts.push(table('Who to call', ['Council', 'ODS code', 'Office hours', 'Emergency duty (out of hours)'],
      Object.values(councils).map((o) => [o.name, identifierOf(o.identifier, ODS_CODE), phone(o, 'work'), phone(o, 'mobile')]),
      { id: 'lookup-councils' }));
    const history = ofType('AuditEvent');
    parts.push(history.length
      ? table('Access history (the last 25 unscheduled accesses, newest first)',
        ['When', 'Organisation', 'Who', 'Care setting', 'Access', 'NHS number', 'Tags'], history.map(accessRow), { id: 'lookup-history' })
      : el('p', { id: 'lookup-history' }, 'No earlier unscheduled access is recorded.'));
  }
  parts.push(raw);
  return parts;
}

// ---- 4. Notifications ----

async function showNotifications(event) {
  event.preventDefault();
  const ods = $('council-ods').value.trim();
  const answer = await fhir('GET', `AuditEvent?responsible-la=${encodeURIComponent(ods)}&_sort=-date&_count=50`);
  const result = $('notifications-result');
  if (answer.status !== 200) {
    show(result, [el('h3', {}, `${ods}: ${statusText(answer)}`), errorSummary('Refused', issuesOf(answer.json).map((x) => x.message))]);
  } else {
    const events = (answer.json.entry ?? []).map((e) => e.resource).filter((r) => r.resourceType === 'AuditEvent');
    show(result, [
      el('h3', {}, `${ods}: ${answer.json.total ?? events.length} notifications`),
      events.length
        ? table('Unscheduled accesses to the council\'s children, newest first (up to 50)',
          ['When', 'Organisation', 'Who', 'Care setting', 'Access', 'NHS number', 'Tags'], events.map(accessRow), { id: 'notifications-table' })
        : el('p', { id: 'notifications-table' }, 'No notifications.')]);
  }
  say(`Notifications for ${ods} answered ${statusText(answer)}.`);
}

$('fhir-base').textContent = FHIR.pathname;
$('persona-form').addEventListener('submit', signInAsPersona);
$('token-form').addEventListener('submit', usePastedToken);
$('upload-form').addEventListener('submit', upload);
$('lookup-form').addEventListener('submit', lookUp);
$('notifications-form').addEventListener('submit', showNotifications);
$('sample').addEventListener('change', () => {
  const sample = samples.find((s) => s.path === $('sample').value);
  if (sample) say(`Sample ${sample.name}: upload as ${sample.uploadAs}, ${sample.request}.`);
});
await Promise.all([loadPersonas(), loadSamples()]);
document.body.dataset.ready = 'true';
