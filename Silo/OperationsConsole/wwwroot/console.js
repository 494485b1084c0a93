// Twins operations console: plain browser JavaScript, no build step, no CDN. Data comes from /graphql
// (queries over HTTP, subscriptions over graphql-transport-ws) with the user's token, and the cluster
// panel from the silo's /metrics.
'use strict';

const TOKEN_KEY = 'twins.console.token';
const $ = id => document.getElementById(id);
const state = { token: null, selected: null, detailSubscription: null, lastCalls: null, listTimer: null };

// ---- token -------------------------------------------------------------------------------------

function takeToken() {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part + '='.repeat((4 - part.length % 4) % 4)));
  } catch {
    return null;
  }
}

// The server decides whether a token is valid; its claims only explain a refusal to the user.
function refusal(token) {
  const c = claims(token);
  if (c && typeof c.exp === 'number' && c.exp * 1000 < Date.now()) return 'The token expired at ' + new Date(c.exp * 1000).toLocaleString() + '. Paste a new one.';
  return 'The token was refused (not valid for this deployment). Paste a new one.';
}

function askForToken(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  $('console').hidden = true;
  $('sign-out').hidden = true;
  $('graphiql-link').href = '/graphql';
  $('token-form').hidden = false;
  $('token-error').textContent = message || '';
  setStatus('signed out');
}

// ---- GraphQL over HTTP and graphql-transport-ws ------------------------------------------------

class AuthError extends Error {}

async function gql(query, variables) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: 'Bearer ' + state.token },
    body: JSON.stringify({ query, variables }),
  });
  if (response.status === 401 || response.status === 403) throw new AuthError(refusal(state.token));
  if (!response.ok && !(response.headers.get('content-type') || '').includes('json')) throw new Error('the API answered ' + response.status + ' ' + response.statusText);
  const body = await response.json();
  if (body.errors && !body.data) throw new Error(body.errors.map(e => e.message).join('; '));
  return body.data;
}

class Subscriptions {
  constructor() { this.handlers = new Map(); this.nextId = 1; this.socket = null; this.ready = false; }

  subscribe(query, variables, onData) {
    const id = String(this.nextId++);
    this.handlers.set(id, { query, variables, onData });
    if (this.ready) this.send(id);
    else this.connect();
    return id;
  }

  unsubscribe(id) {
    if (!this.handlers.delete(id)) return;
    if (this.ready) this.socket.send(JSON.stringify({ id, type: 'complete' }));
  }

  send(id) {
    const h = this.handlers.get(id);
    this.socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: h.query, variables: h.variables } }));
  }

  connect() {
    if (this.socket) return;
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/graphql';
    const socket = this.socket = new WebSocket(url, 'graphql-transport-ws');
    socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer ' + state.token } }));
    socket.onmessage = event => {
      const message = JSON.parse(event.data);
      if (message.type === 'connection_ack') {
        this.ready = true;
        setLive(true);
        for (const id of this.handlers.keys()) this.send(id);
      } else if (message.type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong' }));
      } else if (message.type === 'next') {
        const h = this.handlers.get(message.id);
        if (h && message.payload.data) h.onData(message.payload.data);
      } else if (message.type === 'error') {
        console.warn('subscription error', message.payload);
      }
    };
    socket.onclose = () => {
      this.socket = null;
      this.ready = false;
      setLive(false);
      if (this.handlers.size > 0 && state.token) setTimeout(() => this.connect(), 2000);
    };
  }

  close() { this.handlers.clear(); if (this.socket) this.socket.close(); }
}

const subscriptions = new Subscriptions();

// ---- helpers -----------------------------------------------------------------------------------

function setStatus(text, cls) { const s = $('status'); s.textContent = text; s.className = cls || 'muted'; }
function setLive(live) { $('detail-live').textContent = live ? '● live' : '○ reconnecting'; }
function text(value) { return value === null || value === undefined ? '–' : String(value); }
function time(value) { return value ? new Date(value).toLocaleTimeString() : '–'; }
function cell(row, value, cls) { const td = row.insertCell(); td.textContent = text(value); if (cls) td.className = cls; return td; }
function chips(list, entries) {
  list.replaceChildren(...entries.map(([k, v]) => { const li = document.createElement('li'); li.textContent = k + ': ' + v; li.dataset.key = k; return li; }));
}

// A failing call shows the banner and leaves the page as it was; the next refresh (every 3 s) retries and
// clears the banner once the API answers again.
async function guarded(work) {
  try {
    await work();
    $('error-banner').hidden = true;
    setStatus('up to date ' + new Date().toLocaleTimeString(), 'good');
  } catch (e) {
    if (e instanceof AuthError) { stop(); askForToken(e.message); return; }
    $('error-banner').textContent = 'The API call failed: ' + e.message + ' (retrying)';
    $('error-banner').hidden = false;
    setStatus('error', 'bad');
  }
}

// ---- cluster (from /metrics) -------------------------------------------------------------------

function parseMetrics(body) {
  const samples = [];
  for (const line of body.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    // name{labels} value [timestamp]: OpenTelemetry's exporter may add the timestamp.
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \S+)?$/.exec(line);
    if (!m) continue;
    const labels = {};
    for (const l of (m[2] || '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return samples;
}

async function refreshCluster() {
  const response = await fetch('/metrics');
  const samples = parseMetrics(await response.text());
  const sum = name => samples.filter(s => s.name === name).reduce((a, s) => a + s.value, 0);
  const now = performance.now();
  const calls = sum('orleans_app_requests_latency_milliseconds_count');
  const rate = state.lastCalls ? Math.max(0, (calls - state.lastCalls.calls) / ((now - state.lastCalls.at) / 1000)) : null;
  state.lastCalls = { calls, at: now };
  const grains = sum('orleans_catalog_activations');
  const silos = samples.filter(s => s.name === 'twins_cluster_silos');
  const rows = $('silos');
  rows.replaceChildren();
  for (const silo of silos.sort((a, b) => (b.labels.local === 'true') - (a.labels.local === 'true'))) {
    const row = rows.insertRow();
    const local = silo.labels.local === 'true';
    cell(row, silo.labels.silo + (local ? ' (this silo)' : ''));
    cell(row, silo.labels.status, silo.labels.status === 'Active' ? 'good' : 'bad');
    // Each silo exports its own figures: other silos' come from their /metrics.
    cell(row, local ? grains : '–');
    cell(row, local && rate !== null ? rate.toFixed(1) : '–');
  }
}

// ---- fleet -------------------------------------------------------------------------------------

async function refreshFleet() {
  const data = await gql(`query Fleet {
    fleetSummary { total connected disconnected byCertificateStatus { status count } byCommandStatus { status count } certificatesExpiring(days: 30) }
  }`);
  const f = data.fleetSummary;
  $('fleet-total').textContent = f.total;
  $('fleet-connected').textContent = f.connected;
  $('fleet-disconnected').textContent = f.disconnected;
  // ACTIVE certificates ending within 30 days (an expired or revoked one is counted by its status).
  $('fleet-expiring').textContent = f.certificatesExpiring;
  chips($('certificate-statuses'), f.byCertificateStatus.map(s => [s.status, s.count]));
  // Across the fleet, from the index: not only the vehicles the list happens to show.
  chips($('command-outcomes'), f.byCommandStatus.map(s => [s.status, s.count]));
}

// ---- vehicles ----------------------------------------------------------------------------------

async function refreshVehicles() {
  const contains = $('vehicle-filter').value.trim();
  const where = {};
  if (contains) where.thingName = { contains };
  if ($('connected-only').checked) where.connected = { eq: true };
  const data = await gql(`query Vehicles($where: VehicleFilterInput) {
    vehicles(first: 50, where: $where, order: [{ thingName: ASC }]) {
      totalCount
      nodes { thingName connection { connected lastSeen } certificateStatus shadowVersion }
    }
  }`, { where: Object.keys(where).length ? where : null });
  const rows = $('vehicle-rows');
  rows.replaceChildren();
  for (const v of data.vehicles.nodes) {
    const row = rows.insertRow();
    row.dataset.thing = v.thingName;
    if (v.thingName === state.selected) row.className = 'selected';
    cell(row, v.thingName);
    cell(row, v.connection.connected ? 'yes' : 'no', v.connection.connected ? 'good' : 'bad');
    // The vehicle's own last-seen: the index's copy is refreshed only every third of the silence limit
    // (30 s by default), so a fleet that connected together would show one stale second for all.
    cell(row, time(v.connection.lastSeen));
    cell(row, v.certificateStatus);
    cell(row, v.shadowVersion);
    row.onclick = () => select(v.thingName);
  }
  $('vehicle-count').textContent = `(${data.vehicles.nodes.length} of ${data.vehicles.totalCount})`;
  return data.vehicles.nodes;
}

// ---- detail ------------------------------------------------------------------------------------

// One selection for the query and the subscription, so a live update shows what the first load showed.
const VEHICLE_FIELDS = `thingName vin
    connection { connected since lastSeen lastDisconnectReason }
    shadow { reported desired delta version }
    lastTelemetry { signal value time }
    commands(first: 10) { nodes { executionId command status reasonCode createdAt } }
    certificates { serialNumber status notAfter }
    certificateRotation { step trigger startedAt finishedAt failureReason }`;

const DETAIL = `query Vehicle($thing: String!) { vehicle(thingName: $thing) { ${VEHICLE_FIELDS} } }`;

function showDetail(v) {
  if (!v || v.thingName !== state.selected) return;
  $('detail').hidden = false;
  $('detail-name').textContent = v.thingName;
  const c = v.connection;
  $('detail-connection').textContent = (c.connected ? 'Connected since ' + time(c.since) : 'Disconnected' + (c.lastDisconnectReason ? ' (' + c.lastDisconnectReason + ')' : '')) + ' · last seen ' + time(c.lastSeen) + (v.shadow ? ' · shadow v' + v.shadow.version : '');
  $('detail-reported').textContent = v.shadow ? JSON.stringify(v.shadow.reported, null, 2) : '–';
  $('detail-desired').textContent = v.shadow ? JSON.stringify(v.shadow.desired, null, 2) : '–';
  // What the vehicle has yet to apply: desired values its reported state does not match.
  $('detail-delta').textContent = v.shadow && v.shadow.delta ? JSON.stringify(v.shadow.delta, null, 2) : 'in sync';
  showCertificates(v);
  const telemetry = $('detail-telemetry');
  telemetry.replaceChildren();
  for (const s of v.lastTelemetry) {
    const row = telemetry.insertRow();
    cell(row, s.signal);
    cell(row, typeof s.value === 'object' ? JSON.stringify(s.value) : s.value);
    cell(row, time(s.time));
  }
  const commands = $('detail-commands');
  commands.replaceChildren();
  for (const cmd of v.commands.nodes) {
    const row = commands.insertRow();
    row.dataset.execution = cmd.executionId;
    cell(row, cmd.command);
    cell(row, cmd.status, cmd.status === 'SUCCEEDED' ? 'good' : ['FAILED', 'TIMED_OUT', 'REJECTED'].includes(cmd.status) ? 'bad' : '');
    cell(row, cmd.reasonCode);
    cell(row, time(cmd.createdAt));
    const action = row.insertCell();
    // Only a command still waiting for its offline vehicle can be withdrawn; one on its way cannot be recalled.
    if (cmd.status === 'QUEUED') {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Cancel';
      button.dataset.cancel = cmd.executionId;
      button.addEventListener('click', () => guarded(() => cancelCommand(cmd.executionId)));
      action.append(button);
    }
  }
}

function showCertificates(v) {
  const rows = $('detail-certificates');
  rows.replaceChildren();
  for (const cert of v.certificates) {
    const row = rows.insertRow();
    cell(row, cert.serialNumber);
    cell(row, cert.status, cert.status === 'ACTIVE' ? 'good' : cert.status === 'REVOKED' ? 'bad' : '');
    cell(row, cert.notAfter ? new Date(cert.notAfter).toLocaleDateString() : null);
  }
  const r = v.certificateRotation;
  $('detail-rotation').textContent = !r ? 'No rotation yet.'
    : 'Rotation (' + r.trigger + '): ' + r.step + (r.finishedAt ? ', finished ' + time(r.finishedAt) : ', since ' + time(r.startedAt)) + (r.failureReason ? ' (' + r.failureReason + ')' : '');
}

async function loadDetail() {
  if (!state.selected) return;
  showDetail((await gql(DETAIL, { thing: state.selected })).vehicle);
}

function select(thing) {
  state.selected = thing;
  for (const row of $('vehicle-rows').rows) row.className = row.dataset.thing === thing ? 'selected' : '';
  $('command-message').textContent = '';
  if (state.detailSubscription) subscriptions.unsubscribe(state.detailSubscription);
  // Every change of the vehicle (shadow, connection, command) arrives here; the event carries the vehicle now.
  state.detailSubscription = subscriptions.subscribe(
    `subscription Changed($thing: String!) { vehicleChanged(thingName: $thing) { kind vehicle { ${VEHICLE_FIELDS} } } }`,
    { thing },
    data => showDetail(data.vehicleChanged.vehicle));
  guarded(loadDetail);
}

async function sendCommand(command) {
  const data = await gql(`mutation Send($input: SendCommandInput!) {
    sendCommand(input: $input) { commandExecution { executionId status } errors { ... on Error { message } } }
  }`, { input: { thingName: state.selected, command, parameters: {} } });
  const payload = data.sendCommand;
  $('command-message').textContent = payload.errors && payload.errors.length
    ? payload.errors.map(e => e.message).join('; ')
    : command + ' sent (' + payload.commandExecution.status + ')';
  await loadDetail();
}

async function cancelCommand(executionId) {
  const data = await gql(`mutation Cancel($input: CancelCommandInput!) {
    cancelCommand(input: $input) { commandExecution { command status } errors { ... on Error { message } } }
  }`, { input: { thingName: state.selected, executionId } });
  const payload = data.cancelCommand;
  $('command-message').textContent = payload.errors && payload.errors.length
    ? payload.errors.map(e => e.message).join('; ')
    : payload.commandExecution.command + ' ' + payload.commandExecution.status.toLowerCase();
  await loadDetail();
}

// ---- start -------------------------------------------------------------------------------------

async function tick() {
  await guarded(async () => {
    await Promise.all([refreshVehicles(), refreshFleet(), refreshCluster()]);
  });
}

function stop() {
  clearInterval(state.listTimer);
  state.listTimer = null;
  subscriptions.close();
}

function start(token) {
  if (!claims(token)) {
    askForToken('That is not a token (a token is three dot-separated parts: eyJ….….…). Paste a new one.');
    return;
  }
  state.token = token;
  // GraphiQL takes the token from the fragment, which never reaches the server.
  $('graphiql-link').href = '/graphql#token=' + encodeURIComponent(token);
  const c = claims(token);
  $('token-form').hidden = true;
  $('console').hidden = false;
  $('sign-out').hidden = false;
  setStatus('signed in' + (c && c.role ? ' as ' + c.role : ''));
  tick();
  state.listTimer = setInterval(tick, 3000);
}

$('token-form').addEventListener('submit', event => {
  event.preventDefault();
  const token = $('token-input').value.trim().replace(/^Bearer\s+/i, '');
  sessionStorage.setItem(TOKEN_KEY, token);
  start(token);
});
$('sign-out').addEventListener('click', () => { sessionStorage.removeItem(TOKEN_KEY); stop(); state.token = null; askForToken(); });
$('vehicle-filter').addEventListener('input', () => guarded(refreshVehicles));
$('connected-only').addEventListener('change', () => guarded(refreshVehicles));
for (const button of document.querySelectorAll('[data-command]')) {
  button.addEventListener('click', () => guarded(() => sendCommand(button.dataset.command)));
}

const initial = takeToken();
if (initial) start(initial); else askForToken();
