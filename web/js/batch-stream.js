// Chapter 1's demo, batch versus stream. The page watches one subject, running/<topic>, which carries the running
// totals (they follow the topic live), the last batch result (it changes only when the batch is run again), the
// trickle and how stale the batch is. Every value from a record goes in with textContent.
import { live, keyedState } from './live.js';
import { call, say } from './api.js';
import { $, el } from './dom.js';
import { icon } from './icons.js';

const root = $('batch-stream');
if (root) start(root);

function start(root) {
  const fallback = root.dataset.topic;
  const asked = new URLSearchParams(location.search).get('topic');
  const topic = asked || fallback;
  for (const id of ['bs-kcat', 'bs-python']) {
    const node = $(id);
    if (node && topic !== fallback) node.textContent = node.textContent.replaceAll(fallback, topic);
  }

  let trickleOn = false;
  const state = keyedState((entries) => {
    drawStream(entries.get('stream'));
    drawBatch(entries.get('batch'), entries.get('compare'), entries.get('stream'));
    trickleOn = drawTrickle(entries.get('trickle'));
  });
  live().subscribe({ subject: 'running', topic }, {
    ...state.handlers,
    error(text) {
      const status = $('bs-stream-status');
      status.dataset.state = 'waiting';
      says(status, 'open', `Not watching: ${text}`);
    },
  });

  const message = $('bs-message');
  const act = async (button, path, body, done) => {
    button.disabled = true;
    try {
      const result = await call('POST', path, body);
      if (result.ok) say(message, 'ok', done(result.body));
      else say(message, 'error', `Error: ${result.error}`);
    } finally {
      button.disabled = false;
    }
  };
  $('bs-run').addEventListener('click', (e) => act(e.currentTarget, '/api/batch-stream/batch', { topic },
    (r) => `The batch job read ${r.recordsRead} records in ${r.tookMs} ms and stopped.`));
  $('bs-add').addEventListener('click', (e) => act(e.currentTarget, '/api/batch-stream/orders', { topic, count: 10 },
    (r) => `Wrote ${r.count} orders (${r.firstOrderId} to ${r.lastOrderId}).`));
  $('bs-reset').addEventListener('click', (e) => act(e.currentTarget, '/api/batch-stream/reset', { topic },
    (r) => `${r.topic} is empty again, with ${r.partitions} partitions; the stream starts over, the batch result is gone.`));
  $('bs-trickle').addEventListener('click', (e) => act(e.currentTarget, '/api/batch-stream/trickle',
    { topic, on: !trickleOn, perSecond: 2 },
    (r) => (r.on ? `Trickle started: ${r.perSecond} orders a second.` : 'Trickle stopped.')));
}

/** A state in words, after its icon: the words say it, the icon only helps the eye. */
const says = (node, iconName, text) => node.replaceChildren(icon(iconName), ` ${text}`);
const money = (cents) => (cents / 100).toFixed(2);
const time = (ms) => (ms ? new Date(ms).toLocaleTimeString() : '–');
const offsets = (byPartition) => {
  const parts = Object.entries(byPartition || {}).map(([p, o]) => `P${p} ${o}`);
  return parts.length ? parts.join(' · ') : 'none yet';
};

function drawTotals(prefix, totals) {
  $(`${prefix}-rows`).replaceChildren(...(totals ? totals.customers : []).map((c) => {
    const row = el('tr');
    row.dataset.customer = c.customer;
    row.append(el('th', null, c.customer), el('td', null, c.orders), el('td', null, money(c.amountCents)));
    row.firstChild.scope = 'row';
    return row;
  }));
  $(`${prefix}-orders`).textContent = totals
    ? `${totals.orders}${totals.unreadable ? ` (+${totals.unreadable} not an order)` : ''}` : '0';
  $(`${prefix}-sum`).textContent = money(totals ? totals.amountCents : 0);
}

function drawStream(stream) {
  if (!stream) return;
  const status = $('bs-stream-status');
  status.dataset.state = stream.running ? 'running' : 'waiting';
  if (stream.running) says(status, 'live', 'Running: waiting for the next record. It never finishes.');
  else says(status, 'open', `Waiting: ${stream.problem || 'starting'}`);
  $('bs-stream-records').textContent = stream.recordsSeen;
  $('bs-stream-positions').textContent = offsets(stream.positions);
  $('bs-stream-since').textContent = time(stream.sinceMs);
  $('bs-stream-last').textContent = stream.lastRecordMs ? time(stream.lastRecordMs) : 'none yet';
  $('bs-stream-caption').textContent = `The stream has seen ${stream.recordsSeen} records and is at offsets `
    + `${offsets(stream.positions)}; it is still waiting for more.`;
  drawTotals('bs-stream', stream.totals);
}

function drawBatch(batch, compare, stream) {
  const stale = $('bs-stale');
  if (!batch) {
    $('bs-batch-caption').textContent = 'Not run yet: press the button.';
    for (const id of ['bs-batch-records', 'bs-batch-ends', 'bs-batch-ran', 'bs-batch-took']) $(id).textContent = '–';
    stale.hidden = true;
    drawTotals('bs-batch', null);
    return;
  }
  $('bs-batch-records').textContent = batch.recordsRead;
  $('bs-batch-ends').textContent = offsets(batch.endOffsets);
  $('bs-batch-ran').textContent = time(batch.ranAtMs);
  $('bs-batch-took').textContent = `${batch.tookMs} ms`;
  $('bs-batch-caption').textContent = `The batch saw ${batch.recordsRead} records, stopped at offsets `
    + `${offsets(batch.endOffsets)} and finished. Its answer stays as it is until you run it again.`;
  drawTotals('bs-batch', batch.totals);
  stale.hidden = false;
  const staleBy = compare ? compare.staleBy : 0;
  if (staleBy > 0) {
    stale.dataset.stale = 'true';
    says(stale, 'warning', `Stale by ${staleBy} record${staleBy === 1 ? '' : 's'}: they arrived after the batch took its `
      + 'end offsets. Run it again to include them.');
  } else if (compare && compare.matches) {
    stale.dataset.stale = 'false';
    says(stale, 'done', 'Up to date: the batch and the stream agree, until the next order arrives.');
  } else {
    stale.dataset.stale = 'unknown';
    stale.textContent = stream && !stream.running
      ? 'The stream is not reading, so nobody can tell how stale the batch is.'
      : 'The stream is still catching up with the records the batch read.';
  }
}

function drawTrickle(trickle) {
  const button = $('bs-trickle');
  const on = Boolean(trickle && trickle.on);
  button.textContent = on ? 'Stop the trickle' : 'Start a trickle of orders';
  button.setAttribute('aria-pressed', String(on));
  const written = trickle ? trickle.produced : 0;
  $('bs-trickle-state').textContent = (on
    ? `Trickle on: ${trickle.perSecond} orders a second, ${written} written so far.`
    : `No trickle running${written ? ` (${written} written by the last one)` : ''}.`)
    + (trickle && trickle.problem ? ` ${trickle.problem}` : '');
  return on;
}
