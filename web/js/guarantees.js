// Chapter 4, delivery guarantees, live: the three workers with their crash controls, each output against the
// truth, the idempotent downstream and the transaction anatomy of the exactly-once output.
import { live, keyedState } from './live.js';
import { call, say } from './api.js';
import { $, el } from './dom.js';
import { anatomy } from './anatomy.js';

const connection = live();
let anatomyOf = null;
let anatomyHandle = null;
const money = (cents) => (cents / 100).toFixed(2);

const state = keyedState((entries) => {
  const run = entries.get('run');
  if (!run) {
    $('run-status').textContent = 'No run yet: start one.';
    return;
  }
  $('run-status').textContent = `${run.records} orders in ${run.input}.`;
  drawWorkers(run.modes);
  drawResults(run.modes);
  drawDownstream(run.downstream);
  const eos = run.modes.find((m) => m.mode === 'exactly-once');
  if (eos && eos.output !== anatomyOf) {
    anatomyHandle?.close();
    anatomyOf = eos.output;
    anatomyHandle = anatomy(connection, eos.output, $('anatomy'));
  }
});
connection.subscribe({ subject: 'guarantees' }, state.handlers);

function drawWorkers(modes) {
  $('workers').replaceChildren(...modes.map((m) => {
    const card = el('div', `worker ${m.running ? 'running' : 'down'}`);
    card.dataset.mode = m.mode;
    card.append(el('h3', null, m.mode));
    const recovery = m.recoveryMs.length ? ` · last recovery ${m.recoveryMs[m.recoveryMs.length - 1]} ms` : '';
    card.append(el('p', 'worker-state', `${m.running ? `running (pid ${m.pid})` : 'restarting…'} · ${m.recordsProcessed} processed`
      + ` · killed ${m.kills}× · restarted ${m.restarts}×${recovery}`));
    const row = el('div', 'row');
    const now = el('button', null, 'Kill now');
    now.type = 'button';
    now.addEventListener('click', () => kill(m.mode, {}));
    const after = el('button', null, 'Kill after 500 more');
    after.type = 'button';
    after.addEventListener('click', () => kill(m.mode, { afterRecords: m.recordsProcessed + 500 }));
    const random = el('button', null, 'Kill 3× at random');
    random.type = 'button';
    random.addEventListener('click', () => kill(m.mode, { times: 3 }));
    row.append(now, after, random);
    card.append(row, el('p', 'hint', m.lastLine || ''));
    return card;
  }));
}

function drawResults(modes) {
  $('results').replaceChildren(...modes.map((m) => {
    const tr = el('tr');
    tr.dataset.mode = m.mode;
    const checked = m.verdict !== null;
    tr.className = !checked ? '' : m.exact && m.totalsRight ? 'right' : 'wrong';
    tr.append(el('td', null, m.mode), el('td', 'lost', checked ? m.lost : '…'), el('td', 'duplicated', checked ? m.duplicated : '…'),
      el('td', null, checked ? (m.totalsRight ? 'right' : 'wrong') : '…'), el('td', 'verdict', m.verdict ?? `still processing (${m.recordsProcessed} so far)`),
      el('td', 'hint', m.why));
    return tr;
  }));
}

function drawDownstream(rows) {
  $('downstream').replaceChildren(...rows.map((r) => {
    const tr = el('tr');
    tr.append(el('td', null, r.customer), el('td', null, money(r.expectedCents)),
      el('td', r.upsertCents === r.expectedCents ? 'right' : 'wrong', `${money(r.upsertCents)}${r.upsertCents === r.expectedCents ? ' ✓' : ' ✗'}`),
      el('td', r.naiveCents === r.expectedCents ? 'right' : 'wrong', `${money(r.naiveCents)}${r.naiveCents === r.expectedCents ? ' ✓' : ' ✗'}`));
    return tr;
  }));
}

async function kill(mode, how) {
  const result = await call('POST', `/api/guarantees/${mode}/kill`, how);
  if (!result.ok) say($('run-status'), 'error', result.error);
}

$('start-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  say($('run-status'), 'ok', 'Creating topics, writing orders and starting three workers…');
  const result = await call('POST', '/api/guarantees', { records: Number($('orders-count').value) });
  if (!result.ok) say($('run-status'), 'error', result.error);
});

// ---------- chaos runs started on the command line: the page reads their journal, it never runs anything ----------
const runs = new Map(); // run -> { lines: [], report }
let chaosScheduled = false;
function drawChaos() {
  chaosScheduled = false;
  const latest = [...runs.entries()].pop();
  if (!latest) return;
  const [run, data] = latest;
  const verdict = data.report
    ? (data.report.exact ? `EXACT: ${run}` : `NOT EXACT: ${run} (lost ${data.report.lost}, duplicated ${data.report.duplicated})`)
    : `running: ${run}`;
  say($('chaos-verdict'), data.report ? (data.report.exact ? 'ok' : 'error') : 'ok', verdict);
  $('chaos-lines').replaceChildren(...(data.report ? data.lines : data.lines.slice(-30)).map((l) => el('li', null, l)));
}
connection.subscribe({ subject: 'records', topic: 'streamlab-chaos', from: 'end:200' }, {
  resync() { runs.clear(); },
  records(list) {
    for (const r of list) {
      let value;
      try { value = JSON.parse(r.value); } catch (e) { continue; }
      if (!runs.has(value.run)) runs.set(value.run, { lines: [], report: null });
      const data = runs.get(value.run);
      if (value.report) {
        data.report = value.report;
        data.lines = value.lines;
      } else if (value.line) {
        data.lines.push(value.line);
      }
    }
    if (!chaosScheduled) {
      chaosScheduled = true;
      requestAnimationFrame(drawChaos);
    }
  },
  error() {
    $('chaos-verdict').textContent = 'No chaos run yet: run the command above and watch it here.';
  },
});
