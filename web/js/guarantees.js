// Chapter 4, delivery guarantees, live: the three workers with their crash controls, each output against the
// truth, the idempotent downstream and the transaction anatomy of the exactly-once output.
import { live, keyedState } from './live.js';
import { call, say } from './api.js';
import { $, el } from './dom.js';
import { icon, hiddenWords } from './icons.js';
import { anatomy } from './anatomy.js';
import { html, render, repeat, nothing } from './render.js';

const connection = live();
let anatomyOf = null;
let anatomyHandle = null;
let eosKills = 0;
// The input topic of a run a fresh start is replacing: its snapshots (still on their way) are not drawn again.
let replacing = null;
const money = (cents) => (cents / 100).toFixed(2);
const seconds = (ms) => (ms / 1000).toFixed(1);

/** What a kill inside a batch of n does, by mode: the lesson of the card. */
const CRASH = {
  'at-most-once': (n) => `its ${n} orders' offsets were committed before they were processed: those ${n} orders are lost`,
  'at-least-once': (n) => `its ${n} orders were written but their offsets not committed: the restart processes them again, ${n} duplicates`,
  'exactly-once': (n) => `its open transaction of ${n} records is aborted: the restart fences it and redoes the ${n} orders once`,
};
/** Where, in a batch, the kill lands. */
const WHERE = {
  'at-most-once': 'after committing its offsets and before processing it: the restart skips those orders',
  'at-least-once': 'after writing its output and before committing its offsets: the restart processes those orders again',
  'exactly-once': 'with its output and offsets in an open transaction: the restart aborts it and processes those orders once',
};
const RECOVERY_WHY = 'A restart is a new JVM that rebuilds its totals from the output and takes its partitions with '
  + 'assign(): there is no consumer-group session to wait for. A program that subscribe()s without static membership '
  + 'waits for the killed member\'s session.timeout.ms (45 s by default in the Java client and librdkafka) before it '
  + 'gets partitions; with static membership (group.instance.id) the restarted member takes its old place and its '
  + 'partitions at once, and a shorter session.timeout.ms bounds the wait if it does not come back.';

function clearRun() {
  render(nothing, $('workers')); // through lit-html, which keeps its place in the container for the next run
  render(nothing, $('results'));
  $('downstream').replaceChildren();
  anatomyHandle?.close();
  anatomyHandle = null;
  anatomyOf = null;
  eosKills = 0;
  $('anatomy').replaceChildren();
}

const state = keyedState((entries) => {
  const run = entries.get('run');
  if (!run || !run.modes) {
    $('run-status').textContent = 'No run yet: start one.';
    return;
  }
  if (run.input === replacing) return;
  if (replacing === null) $('run-status').textContent = `${run.records} orders in ${run.input}.`;
  drawWorkers(run);
  drawResults(run);
  drawDownstream(run.downstream);
  const eos = run.modes.find((m) => m.mode === 'exactly-once');
  if (eos && eos.output !== anatomyOf) {
    anatomyHandle?.close();
    anatomyOf = eos.output;
    eosKills = 0;
    anatomyHandle = anatomy(connection, eos.output, $('anatomy'));
  }
  if (eos && eos.kills > eosKills) {
    eosKills = eos.kills;
    anatomyHandle.restarted();
  }
});
connection.subscribe({ subject: 'guarantees' }, state.handlers);

/**
 * "Kill after N more" with an N that can fire: at most 500, and two batches short of what is left to read (what
 * the page shows is up to a batch old, and the kill needs a batch after the N).
 */
function afterCount(m, batch) {
  if (m.left < 0) return 0;
  return Math.min(500, Math.floor((m.left - 2 * batch) / 50) * 50);
}

// Keyed by mode: the cards and their kill buttons stay the same elements while the state updates twice a second,
// so the button a person aims at does not move or vanish under the pointer, and a click in progress lands.
function drawWorkers(run) {
  render(repeat(run.modes, (m) => m.mode, (m) => workerCard(run, m)), $('workers'));
}

function workerCard(run, m) {
  const doing = !m.running ? 'restarting…' : !m.ready ? `running (pid ${m.pid}), starting: rebuilding its totals`
    : m.processing ? `running (pid ${m.pid})` : `running (pid ${m.pid}), caught up`;
  const why = m.processing ? '' : !m.running || !m.ready ? 'starting: wait until it processes'
    : `it has processed all ${run.records} orders: nothing is in flight to interrupt; start a fresh run`;
  const button = (label, kind, how, reason) => html`<button type="button" data-kill=${kind}
    ?disabled=${Boolean(why || reason)} title=${why || reason || ''} @click=${() => kill(m.mode, how)}>${label}</button>`;
  const after = afterCount(m, run.batch);
  const last = m.killedBatches[m.killedBatches.length - 1];
  return html`<div class="worker ${m.running ? 'running' : 'down'}" data-mode=${m.mode} data-input=${run.input}>
    <h3>${m.mode}</h3>
    <p class="worker-state">${doing} · ${m.recordsProcessed} processed · killed ${m.kills}× · restarted ${m.restarts}×</p>
    <div class="row">${button('Kill now', 'now', {})} ${button(after > 0 ? `Kill after ${after} more` : 'Kill after … more', 'after',
      { afterRecords: after }, after > 0 ? '' : `fewer than ${2 * run.batch + 50} orders left to read`)} ${button('Kill 3× in a batch', 'times', { times: 3 })}</div>
    <p class="hint">A kill stops it inside its next batch (up to ${run.batch} orders), ${WHERE[m.mode]}.</p>
    ${m.plan ? html`<p class="worker-plan">Planned: ${m.plan}.</p>` : nothing}
    ${m.note ? html`<p class="worker-note">${m.note}</p>` : nothing}
    ${m.killedBatches.length ? html`<p class="worker-lesson">Last kill, inside a batch of ${last}: ${CRASH[m.mode](last)}.</p>` : nothing}
    ${m.recoveryMs.length ? html`<ul class="worker-recovery">${m.recoveryMs.map((ms, i) => html`<li>restart ${i + 1}: back to work ${seconds(ms)} s after the kill (kill → first batch of the new process)</li>`)}</ul>
      <p class="hint">${RECOVERY_WHY}</p>` : nothing}
    <p class="hint">${m.lastLine || ''}</p></div>`;
}

// Keyed by mode: a row stays the same element while the state updates, so the judge's words a person opened stay
// open. The verdict names topics in full; the cell says "the input" and "the output" instead, and keeps the judge's
// exact words one click away.
function drawResults(run) {
  render(repeat(run.modes, (m) => m.mode, (m) => resultRow(run, m)), $('results'));
}

function resultRow(run, m) {
  const checked = m.verdict !== null;
  const verdict = m.verdict ?? `still processing (${m.recordsProcessed} so far)`;
  const short = shorten(verdict, run.input, m.output);
  return html`<tr data-mode=${m.mode} class=${!checked ? '' : m.exact && m.totalsRight ? 'right' : 'wrong'}>
    <td class="mode">${m.mode}</td><td class="lost">${checked ? m.lost : '…'}</td><td class="duplicated">${checked ? m.duplicated : '…'}</td>
    <td class="totals">${checked ? (m.totalsRight ? 'right' : 'wrong') : '…'}</td>
    <td class="verdict" title=${verdict}><span class="verdict-short">${short}</span>${short === verdict ? nothing
      : html`<details class="judge-words"><summary>the judge's words</summary><span>${verdict}</span></details>`}</td>
    <td class="why hint">${m.why}</td></tr>`;
}

/** The verdict with the run's topic names put as "the input" and "the output". */
function shorten(text, input, output) {
  let out = text;
  if (output) out = out.split(output).join('the output');
  if (input) out = out.split(input).join('the input');
  return out;
}

function drawDownstream(rows) {
  $('downstream').replaceChildren(...rows.map((r) => {
    const tr = el('tr');
    tr.append(el('td', null, r.customer), el('td', null, money(r.expectedCents)),
      against(r.upsertCents, r.expectedCents), against(r.naiveCents, r.expectedCents));
    return tr;
  }));
}

/** A downstream total, marked right or wrong against the truth (the word is for screen readers, the icon for eyes). */
function against(cents, expected) {
  const right = cents === expected;
  const cell = el('td', right ? 'right' : 'wrong', `${money(cents)} `);
  cell.append(icon(right ? 'done' : 'fail'), hiddenWords(right ? 'right' : 'wrong'));
  return cell;
}

async function kill(mode, how) {
  const result = await call('POST', `/api/guarantees/${mode}/kill`, how);
  if (!result.ok) say($('run-status'), 'error', result.error);
}

$('start-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  // The old run's cards go at once: what they show is about to be deleted.
  replacing = state.entries.get('run')?.input ?? null;
  clearRun();
  say($('run-status'), 'ok', 'Creating topics, writing orders and starting three workers…');
  const result = await call('POST', '/api/guarantees', { records: Number($('orders-count').value) });
  replacing = null;
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
  const report = data.report;
  const verdict = !report ? `running: ${run}`
    : report.outcome === 'UNFINISHED' ? `UNFINISHED: ${run} (consumed ${report.consumed} of ${report.inputRecords})`
    : report.exact ? `EXACT: ${run}` : `NOT EXACT: ${run} (${report.problem}: ${report.evidence[0] || ''})`;
  say($('chaos-verdict'), report ? (report.exact ? 'ok' : report.outcome === 'UNFINISHED' ? 'warn' : 'error') : 'ok', verdict);
  // What each restart went through in the group (how long it waited for partitions, and why): the lesson of a kill -9.
  $('chaos-runs').replaceChildren(...(report ? report.runs.filter((r) => r.run > 1) : []).map((r) => el('li', null, r.lesson)));
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
