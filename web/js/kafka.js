// Chapter 2, the log, live: partitions as append-only lanes, the selected group's committed offsets and lag,
// members and rebalances, lag over time, records as they arrive, and the forms that act on the broker.
// Everything from the broker or a record is written with textContent. Drawing happens at most once per
// animation frame, and every buffer is bounded, so thousands of records a second keep the page responsive.
import { live, keyedState } from './live.js';
import { call, say } from './api.js';
import { $, el } from './dom.js';
import { anatomy } from './anatomy.js';
import { html, render, repeat } from './render.js';

const LANE_CELLS = 24;
const TABLE_ROWS = 100;
const LAG_WINDOW_MS = 10 * 60 * 1000;


const connection = live();
const page = {
  topic: null,
  group: null,
  groupChosen: false, // the learner picked the group (or started a consumer in it): keep it while Kafka catches up
  topicSub: null,
  groupSub: null,
  recordSubs: [],
  keysByPartition: new Map(), // partition -> Map(offset -> key), bounded
  lag: [], // [ [times...], [lags...] ] kept as arrays of points {at, lag}
  chart: null,
};

// ---------- cluster: the topic and group pickers ----------
const cluster = keyedState((entries) => {
  const topics = [...entries.values()].filter((e) => e.kind === 'topic' && !e.internal).map((e) => e.name).sort();
  fillSelect($('topic-select'), topics, page.topic, 'no topics yet: create one below');
  if (!page.topic) {
    const wanted = new URLSearchParams(location.search).get('topic');
    const start = wanted || topics[0];
    if (start) selectTopic(start);
  } else if (!topics.includes(page.topic) && entries.size > 0) {
    $('topic-message').textContent = `Topic ${page.topic} does not exist (any more). Create it, or pick another.`;
  }
});
connection.subscribe({ subject: 'cluster' }, cluster.handlers);

function fillSelect(select, values, selected, emptyText) {
  const current = [...select.options].map((o) => o.value);
  const wanted = values.length ? values : [''];
  if (current.length === wanted.length && current.every((v, i) => v === wanted[i])) {
    if (selected !== null && select.value !== selected && values.includes(selected)) select.value = selected;
    return;
  }
  select.replaceChildren(...(values.length ? values.map((v) => option(v, v)) : [option('', emptyText)]));
  if (selected !== null && values.includes(selected)) select.value = selected;
}

function option(value, text) {
  const o = el('option', null, text);
  o.value = value;
  return o;
}

$('topic-select').addEventListener('change', (e) => e.target.value && selectTopic(e.target.value));

function selectTopic(topic) {
  if (page.topic === topic) return;
  page.topic = topic;
  const url = new URL(location.href);
  url.searchParams.set('topic', topic);
  history.replaceState(null, '', url);
  $('topic-select').value = topic;
  $('topic-message').textContent = '';
  const kcat = $('kcat-command');
  kcat.textContent = `kcat -b ${kcat.dataset.bootstrap} -t ${topic} -K: -P`;
  page.keysByPartition.clear();
  page.groupChosen = false; // a new topic shows the first group that reads it
  page.topicSub?.close();
  showAnatomy();
  const state = keyedState(renderTopic);
  page.topicState = state;
  page.topicSub = connection.subscribe({ subject: 'topic', topic }, { ...state.handlers, error: (e) => say($('topic-message'), 'error', e) });
  subscribeRecords();
}

// The anatomy costs two replaying readers: only while its section is open.
$('anatomy-details').addEventListener('toggle', showAnatomy);
function showAnatomy() {
  page.anatomy?.close();
  page.anatomy = null;
  if ($('anatomy-details').open && page.topic) page.anatomy = anatomy(connection, page.topic, $('anatomy'));
}

// ---------- topic: lanes ----------
function renderTopic(entries) {
  const partitions = [...entries.entries()].filter(([k]) => /^p\d+$/.test(k)).map(([, v]) => v)
    .sort((a, b) => a.partition - b.partition);
  const groups = [...entries.entries()].filter(([k]) => k.startsWith('group:')).map(([, v]) => v);
  const groupIds = groups.map((g) => g.groupId).sort();
  // A group the learner chose (or just started a consumer in) stays chosen before Kafka lists it on this topic;
  // otherwise the first group that reads the topic is shown.
  const chosen = page.groupChosen && page.group && !groupIds.includes(page.group);
  fillSelect($('group-select'), chosen ? [...groupIds, page.group].sort() : groupIds, page.group,
    'no group reads this topic yet');
  if (!chosen && (!page.group || !groupIds.includes(page.group)) && groupIds.length) selectGroup(groupIds[0]);
  const group = groups.find((g) => g.groupId === page.group) || null;
  drawLanes(partitions, group);
  const transactions = [...entries.entries()].filter(([k]) => k.startsWith('tx:')).map(([, t]) => el('li', null,
    `${t.transactionalId}: ${t.state} (producer ${t.producerId}, epoch ${t.producerEpoch})`
    + (t.partitions.length ? ' on ' + t.partitions.filter((p) => p.topic === page.topic).map((p) => `P${p.partition}`).join(', ') : '')));
  $('transactions').replaceChildren(...(transactions.length ? transactions
    : [el('li', 'hint', 'None: a transactional producer that writes here shows up with its state.')]));
}

function drawLanes(partitions, group) {
  const lanes = $('lanes');
  const rows = partitions.map((p) => {
    const lane = el('div', 'lane');
    lane.dataset.partition = p.partition;
    const committed = group?.offsets?.[p.partition];
    const head = el('div', 'lane-head');
    head.append(el('strong', null, `P${p.partition}`));
    head.append(el('span', 'lane-facts',
      ` leader ${p.leader} · ISR [${p.isr.join(',')}] · `
      // An empty partition holds no offsets: "0–0" would read like one record at offset 0.
      + (p.highWatermark > p.logStartOffset
        ? `offsets ${p.logStartOffset}–${p.highWatermark - 1}`
        : `empty (next offset ${p.highWatermark})`)
      + ` · end ${p.highWatermark}` + (p.lastStableOffset < p.highWatermark ? ` · last stable ${p.lastStableOffset} (open transaction)` : '')));
    if (group) {
      head.append(el('span', 'lane-group', committed
        ? ` · ${group.groupId}: next ${committed.committed < 0 ? 'none committed' : committed.committed}, lag ${committed.lag}`
        : ` · ${group.groupId}: nothing committed`));
    }
    const cells = el('ol', 'cells');
    const from = Math.max(p.logStartOffset, p.highWatermark - LANE_CELLS);
    if (from > p.logStartOffset) cells.append(el('li', 'cell elided', `… ${from - p.logStartOffset} earlier`));
    const keys = page.keysByPartition.get(p.partition);
    for (let offset = from; offset < p.highWatermark; offset++) {
      const cell = el('li', 'cell');
      cell.dataset.offset = offset;
      cell.append(el('span', 'offset', offset));
      const key = keys?.get(offset);
      if (key !== undefined) cell.append(el('span', 'key', key === null ? '∅' : key));
      if (offset >= p.lastStableOffset) {
        cell.classList.add('uncommitted');
        cell.title = 'in a transaction that is still open';
      }
      if (committed && offset === committed.committed) {
        cell.classList.add('next');
        cell.prepend(el('span', 'marker', '▼'));
        cell.title = `${group.groupId} reads this next`;
      }
      cells.append(cell);
    }
    if (committed && committed.committed === p.highWatermark) {
      const caught = el('li', 'cell next caught-up', '▼ caught up');
      caught.title = `${group.groupId} has read everything`;
      cells.append(caught);
    }
    lane.append(head, cells);
    return lane;
  });
  if (!rows.length) rows.push(el('p', 'hint', page.topic ? 'Waiting for the topic…' : 'Pick or create a topic.'));
  lanes.replaceChildren(...rows);
}

// ---------- group: members, events, lag chart ----------
$('group-select').addEventListener('change', (e) => e.target.value && selectGroup(e.target.value, true));

function selectGroup(group, chosen = false) {
  page.groupChosen = chosen;
  if (page.group === group) return;
  page.group = group;
  $('group-select').value = group;
  $('consumer-group').value = group;
  page.groupSub?.close();
  page.lag = [];
  const state = keyedState(renderGroup);
  page.groupSub = connection.subscribe({ subject: 'group', group }, state.handlers);
  page.topicState && renderTopic(page.topicState.entries);
}

function renderGroup(entries, extra) {
  const g = entries.get('state');
  if (extra?.samples && page.lag.length === 0) page.lag = extra.samples.map((s) => ({ at: s.at, lag: s.totalLag }));
  if (g) {
    const summary = $('group-summary');
    summary.replaceChildren(
      el('span', 'badge-state', g.state),
      el('span', null, ` · ${g.members.length} member(s) · generation ${g.generation} · ${g.type} protocol`
        + (g.protocol ? ` (${g.protocol})` : '') + ` · total lag ${g.totalLag}`));
    const members = g.members.map((m) => {
      const mine = m.assignment.filter((a) => a.topic === page.topic).map((a) => `P${a.partition}`);
      return el('li', null, `${m.clientId} (${m.host}) reads ${mine.length ? mine.join(', ') : 'nothing of this topic'}`);
    });
    $('group-members').replaceChildren(...(members.length ? members : [el('li', 'hint', 'No consumer is running in this group.')]));
    const now = Date.now();
    const last = page.lag[page.lag.length - 1];
    if (!last || last.lag !== g.totalLag || now - last.at > 1000) page.lag.push({ at: now, lag: g.totalLag });
    page.lag = page.lag.filter((s) => now - s.at <= LAG_WINDOW_MS);
    drawLag();
  }
  const events = entries.get('events') || [];
  $('group-events').replaceChildren(...(events.length
    ? events.slice(-20).reverse().map((e) => el('li', `event event-${e.kind}`, `${new Date(e.at).toLocaleTimeString()} ${e.detail}`))
    : [el('li', 'hint', 'Nothing yet: start a consumer, add a second one, or reset the offsets.')]));
}

let uPlotModule = null;
async function drawLag() {
  const host = $('lag-chart');
  const xs = page.lag.map((s) => s.at / 1000);
  const ys = page.lag.map((s) => s.lag);
  host.dataset.points = String(xs.length);
  host.dataset.latest = ys.length ? String(ys[ys.length - 1]) : '';
  try {
    uPlotModule = uPlotModule || (await import('/webjars/uplot/1.6.30/dist/uPlot.esm.js')).default;
  } catch (e) {
    host.textContent = `lag now: ${ys[ys.length - 1] ?? 0}`;
    return;
  }
  if (!page.chart) {
    page.chart = new uPlotModule({
      width: Math.min(host.clientWidth || 600, 800), height: 160,
      series: [{}, { label: 'total lag', stroke: '#a40e26', width: 2 }],
      axes: [{}, { label: 'records' }],
    }, [xs, ys], host);
  } else {
    page.chart.setData([xs, ys]);
  }
}

// ---------- records ----------
function selectedIsolation() {
  return document.querySelector('input[name="isolation"]:checked')?.value || 'read_uncommitted';
}

// What the record views show: null for the live tail, else the replay's start ('offset:N' or 'time:T'). Changing
// the view (isolation) keeps it, so the status always names what the table holds, not what a picker says.
function subscribeRecords(from = null) {
  for (const sub of page.recordSubs) sub.close();
  page.recordSubs = [];
  page.recordsFrom = from;
  const views = $('record-views');
  views.replaceChildren();
  if (!page.topic) return;
  const mode = selectedIsolation();
  views.classList.toggle('side-by-side', mode === 'both');
  const isolations = mode === 'both' ? ['read_uncommitted', 'read_committed'] : [mode];
  for (const isolation of isolations) {
    const view = recordView(isolation);
    views.append(view.root);
    const request = { subject: 'records', topic: page.topic, isolation };
    if (from) request.from = from;
    page.recordSubs.push(connection.subscribe(request, view.handlers));
  }
  describeRecords();
}

/** The status line: replay or live, and what the From picker would change once Replay is pressed. */
function describeRecords() {
  const note = $('records-note');
  if (!page.topic) return;
  const from = page.recordsFrom;
  const [kind, value] = from ? [from.slice(0, from.indexOf(':')), from.slice(from.indexOf(':') + 1)] : ['end', ''];
  note.dataset.mode = from ? 'replay' : 'live';
  const shown = from
    ? `Replaying ${page.topic} from ${kind} ${value}: not live; pick "the end (live)" to follow new records again.`
    : `Live: the newest records of ${page.topic} as they arrive.`;
  const picked = $('replay-from').value;
  const pending = picked !== 'end' && (picked !== kind || $('replay-value').value.trim() !== value)
    ? ` Press Replay to replay from the ${picked} instead.` : '';
  note.textContent = shown + pending;
}

// Arrival order, newest first: the record timestamp (what the producer or broker stamped), then partition and
// offset. The hub hands a poll over partition by partition, so the order it delivers in is not the order of arrival.
const newestFirst = (a, b) => b.timestamp - a.timestamp || b.partition - a.partition || b.offset - a.offset;

function recordView(isolation) {
  const root = el('div', 'record-view');
  root.dataset.isolation = isolation;
  root.append(el('h3', null, isolation));
  const skipped = el('p', 'hint');
  const host = el('div');
  root.append(skipped, host);
  const rows = []; // newest first, bounded
  const seen = new Set();
  let scheduled = false;
  const draw = () => {
    scheduled = false;
    render(recordTable(rows), host);
  };
  draw();
  return {
    root,
    handlers: {
      resync() {
        rows.length = 0;
        seen.clear();
      },
      records(list, skippedCount) {
        for (const r of list) {
          const id = `${r.partition}:${r.offset}`;
          if (seen.has(id)) continue;
          seen.add(id);
          rows.push(r);
          if (isolation === 'read_uncommitted' || !page.keysByPartition.has(r.partition)) rememberKey(r);
        }
        rows.sort(newestFirst);
        while (rows.length > TABLE_ROWS) {
          const dropped = rows.pop();
          seen.delete(`${dropped.partition}:${dropped.offset}`);
        }
        if (skippedCount > 0) skipped.textContent = `${skippedCount} record(s) went by too fast to show; the lanes count them all.`;
        if (!scheduled) {
          scheduled = true;
          requestAnimationFrame(draw);
        }
        page.topicState && scheduleLanes();
      },
      problem(text) {
        skipped.textContent = text || '';
      },
      error(text) {
        skipped.textContent = text;
      },
    },
  };
}

let lanesScheduled = false;
function scheduleLanes() {
  if (lanesScheduled) return;
  lanesScheduled = true;
  requestAnimationFrame(() => {
    lanesScheduled = false;
    renderTopic(page.topicState.entries);
  });
}

function rememberKey(r) {
  let keys = page.keysByPartition.get(r.partition);
  if (!keys) page.keysByPartition.set(r.partition, (keys = new Map()));
  keys.set(r.offset, r.key);
  if (keys.size > LANE_CELLS * 2) keys.delete(keys.keys().next().value);
}

// Keyed by partition and offset: a row that stays keeps its element (a selection in it survives new records).
// Cells that can be long stay on one line, cut with an ellipsis; the whole text is in the cell's title.
const recordTable = (rows) => html`<table class="records">
  <thead><tr><th class="partition">partition</th><th class="offset">offset</th><th class="key">key</th><th class="time"
    aria-sort="descending" title="the record timestamp, UTC time of day; newest first">time ▼</th><th class="headers">headers</th><th
    class="value">value</th></tr></thead>
  <tbody>${repeat(rows, (r) => `${r.partition}:${r.offset}`, recordRow)}</tbody></table>`;

function recordRow(r) {
  const key = r.key === null ? '∅ (no key)' : r.key;
  // The time of day (UTC) fits beside a second view; the whole date and time is the cell's title.
  const iso = new Date(r.timestamp).toISOString();
  const time = iso.slice(11, 23);
  const headers = r.headers.map((h) => `${h.key}=${h.value}`).join(', ');
  const value = r.value === null ? '∅ (tombstone)' : r.value;
  return html`<tr data-partition=${r.partition} data-offset=${r.offset} class=${r.binary ? 'binary' : ''} title=${iso}>
    <td>${r.partition}</td><td>${r.offset}</td><td class="key" title=${key}>${key}</td><td class="time" title=${iso}>${time}</td>
    <td class="headers" title=${headers}>${headers}</td><td class="value" title=${value}>${value}</td></tr>`;
}

$('records-form').addEventListener('change', (e) => {
  if (e.target.name === 'isolation') subscribeRecords(page.recordsFrom);
  else if (e.target.id === 'replay-from' && e.target.value === 'end') subscribeRecords();
  else describeRecords();
});
$('replay-value').addEventListener('input', describeRecords);
$('records-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const kind = $('replay-from').value;
  const value = $('replay-value').value.trim();
  if (kind === 'end') return subscribeRecords();
  if (!value) {
    describeRecords();
    $('records-note').textContent += ` Give the ${kind} to replay from.`;
    return;
  }
  subscribeRecords(`${kind}:${value}`);
});

// ---------- actions ----------
$('topic-create').addEventListener('submit', async (e) => {
  e.preventDefault();
  const name = $('topic-name').value.trim();
  const result = await call('POST', '/api/topics', { name, partitions: Number($('topic-partitions').value) });
  if (result.ok) {
    say($('topic-message'), 'ok', `Created ${name} with ${result.body.partitions} partition(s).`);
    selectTopic(name);
  } else {
    say($('topic-message'), 'error', result.error);
  }
});

$('topic-delete').addEventListener('click', async () => {
  if (!page.topic || !confirm(`Delete topic ${page.topic} and all its records?`)) return;
  const topic = page.topic;
  const result = await call('DELETE', `/api/topics/${encodeURIComponent(topic)}`);
  say($('topic-message'), result.ok ? 'ok' : 'error', result.ok ? `Deleted ${topic}.` : result.error);
  if (result.ok) {
    page.topic = null;
    page.topicSub?.close();
    page.topicSub = null;
    for (const sub of page.recordSubs) sub.close();
    page.recordSubs = [];
    $('lanes').replaceChildren();
  }
});

$('produce-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = $('produce-result');
  if (!page.topic) return say(out, 'error', 'Pick or create a topic first.');
  const body = { key: $('produce-key').value === '' ? null : $('produce-key').value, value: $('produce-value').value };
  const partition = $('produce-partition').value.trim();
  if (partition !== '') body.partition = Number(partition);
  const eventTime = $('produce-event-time').value.trim();
  if (eventTime !== '') body.eventTime = /^\d+$/.test(eventTime) ? Number(eventTime) : eventTime;
  const headers = {};
  for (const line of $('produce-headers').value.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  if (Object.keys(headers).length) body.headers = headers;
  const result = await call('POST', `/api/topics/${encodeURIComponent(page.topic)}/records`, body);
  say(out, result.ok ? 'ok' : 'error', result.ok
    ? `Landed in partition ${result.body.partition} at offset ${result.body.offset}. Why: ${result.body.reason.text}`
    : result.error);
});

$('reset-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = $('reset-result');
  if (!page.topic || !page.group) return say(out, 'error', 'Pick a topic and a group first.');
  const to = $('reset-to').value;
  const value = $('reset-value').value.trim();
  const body = { topic: page.topic, to };
  if (to === 'offset') body.offset = Number(value);
  if (to === 'time') body.time = /^\d+$/.test(value) ? Number(value) : value;
  const result = await call('POST', `/api/groups/${encodeURIComponent(page.group)}/reset`, body);
  say(out, result.ok ? 'ok' : 'error', result.ok
    ? `Reset ${page.group} on ${page.topic}: ` + describeOffsets(result.body) + '. Start a consumer in the group to watch it re-read.'
    : result.error);
});

function describeOffsets(body) {
  const offsets = body.offsets || body.partitions || body;
  if (Array.isArray(offsets)) return offsets.map((o) => `P${o.partition} → ${o.offset}`).join(', ');
  return Object.entries(offsets).map(([p, o]) => `P${p} → ${o}`).join(', ');
}

$('consumer-start').addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = $('consumer-result');
  if (!page.topic) return say(out, 'error', 'Pick or create a topic first.');
  const group = $('consumer-group').value.trim();
  const result = await call('POST', `/api/groups/${encodeURIComponent(group)}/consumers`,
    { topic: page.topic, recordsPerSecond: Number($('consumer-rate').value || 0) });
  say(out, result.ok ? 'ok' : 'error', result.ok
    ? `Started ${result.body.id} in group ${group}. Watch the group share the partitions.` : result.error);
  if (result.ok) selectGroup(group, true);
});

// Keyed by consumer id: the Pause and Stop buttons stay the same elements while the counts update several times a
// second, so a click that starts between two updates still lands.
const consumers = keyedState((entries) => {
  const list = [...entries.values()].sort((a, b) => a.id.localeCompare(b.id));
  render(repeat(list, (c) => c.id, consumerRow), $('consumers'));
});
connection.subscribe({ subject: 'consumers' }, consumers.handlers);

function consumerRow(c) {
  const id = encodeURIComponent(c.id);
  const toggle = c.paused ? 'resume' : 'pause';
  return html`<tr data-consumer=${c.id}>
    <td>${c.id}</td><td>${c.group}</td><td>${(c.partitions || []).map((p) => `P${p}`).join(', ') || '—'}</td>
    <td>${c.consumed ?? c.recordsConsumed ?? 0}</td>
    <td>${(c.paused ? 'paused (lag grows)' : 'running') + (c.problem ? ` — ${c.problem}` : '')}</td>
    <td><button type="button" data-action="toggle" @click=${() => consumerAction('POST', `/api/consumers/${id}/${toggle}`)}>${c.paused ? 'Resume' : 'Pause'}</button><button
      type="button" data-action="stop" @click=${() => consumerAction('DELETE', `/api/consumers/${id}`)}>Stop</button></td></tr>`;
}

async function consumerAction(method, path) {
  const result = await call(method, path);
  if (!result.ok) say($('consumer-result'), 'error', result.error);
}
