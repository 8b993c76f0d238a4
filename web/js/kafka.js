// Chapter 2, the log, live: partitions as append-only lanes, the selected group's committed offsets and lag,
// members and rebalances, lag over time, records as they arrive, and the forms that act on the broker.
// Everything from the broker or a record is written with textContent. Drawing happens at most once per
// animation frame, and every buffer is bounded, so thousands of records a second keep the page responsive.
import { live, keyedState } from './live.js';
import { call, say } from './api.js';
import { $, el } from './dom.js';
import { anatomy } from './anatomy.js';
import { html, render, repeat, nothing, guard } from './render.js';
import { scrollingLanes, laneControls } from './lanes.js';
import { icon } from './icons.js';

const LANE_CELLS = 24;
// A committed offset at most this far behind the newest shows with every record in between; further, elided.
const LANE_REACH = 120;
const TABLE_ROWS = 100;
const PACE = 100; // ms between two draws of the lanes or a record table while records pour in
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
  const transactions = [...entries.entries()].filter(([k]) => k.startsWith('tx:')).map(([, t]) => t);
  render(transactions.length ? repeat(transactions, (t) => t.transactionalId, (t) => html`<li>${
    `${t.transactionalId}: ${t.state} (producer ${t.producerId}, epoch ${t.producerEpoch})`
    + (t.partitions.length ? ' on ' + t.partitions.filter((p) => p.topic === page.topic).map((p) => `P${p.partition}`).join(', ') : '')}</li>`)
    : html`<li class="hint">None: a transactional producer that writes here shows up with its state.</li>`, $('transactions'));
}

const laneScroll = scrollingLanes($('lanes'));

// Keyed by topic and partition, cells by offset: a lane's track stays the same element while records arrive, so
// its scroll position (following the newest record, or where the person scrolled back to) and focus survive.
function drawLanes(partitions, group) {
  const lanes = partitions.map((p) => laneView(p, group));
  laneScroll.before();
  render(lanes.length ? repeat(lanes, (l) => `${page.topic}:${l.partition}`, laneTemplate)
    : html`<p class="hint">${page.topic ? 'Waiting for the topic…' : 'Pick or create a topic.'}</p>`, $('lanes'));
  laneScroll.after();
}

/** What one lane shows, as plain values: its head's words and its cells (each a record, an elision or a marker). */
function laneView(p, group) {
  const committed = group?.offsets?.[p.partition];
  const next = committed && committed.committed >= 0 ? committed.committed : null;
  const empty = p.highWatermark <= p.logStartOffset;
  const facts = ` leader ${p.leader} · ISR [${p.isr.join(',')}] · `
    // An empty partition holds no offsets: "0–0" would read like one record at offset 0.
    + (!empty ? `offsets ${p.logStartOffset}–${p.highWatermark - 1}` : `empty (next offset ${p.highWatermark})`)
    + ` · end ${p.highWatermark}` + (p.lastStableOffset < p.highWatermark ? ` · last stable ${p.lastStableOffset} (open transaction)` : '');
  const groupText = !group ? null : committed
    ? ` · ${group.groupId}: next ${committed.committed < 0 ? 'none committed' : committed.committed}, lag ${committed.lag}`
    : ` · ${group.groupId}: nothing committed`;
  const cells = [];
  const keys = page.keysByPartition.get(p.partition);
  const record = (offset) => {
    const key = keys?.get(offset);
    const open = offset >= p.lastStableOffset;
    const isNext = next === offset;
    return {
      id: offset, offset, key: key === undefined ? null : key === null ? '∅' : key, open, next: isNext,
      lag: isNext ? committed.lag : null,
      title: isNext ? `${group.groupId} reads this next (lag ${committed.lag})` : open ? 'in a transaction that is still open' : '',
    };
  };
  // The newest records, and back to the committed offset when it is near; when it is far behind, its own cell with
  // the gap elided, so the marker is always there to scroll to.
  let from = Math.max(p.logStartOffset, p.highWatermark - LANE_CELLS);
  if (next !== null && next < from && from - next <= LANE_REACH) from = Math.max(p.logStartOffset, next);
  const far = next !== null && next >= p.logStartOffset && next < from;
  const before = far ? next : from;
  if (before > p.logStartOffset) cells.push({ id: 'earlier', elided: `… ${before - p.logStartOffset} earlier` });
  if (far) {
    cells.push(record(next));
    if (from - next > 1) cells.push({ id: 'between', elided: `… ${from - next - 1} more` });
  }
  for (let offset = from; offset < p.highWatermark; offset++) cells.push(record(offset));
  if (committed && committed.committed === p.highWatermark) {
    cells.push({ id: 'caught-up', caughtUp: true, lag: 0, title: `${group.groupId} has read everything` });
  } else if (empty) {
    cells.push({ id: 'empty', elided: 'empty' });
  }
  return { partition: p.partition, facts, groupText, cells, first: from, last: p.highWatermark - 1, empty };
}

const laneTemplate = (l) => html`<div class="lane" data-partition=${l.partition}>
  <div class="lane-head"><strong>P${l.partition}</strong><span class="lane-facts">${l.facts}</span>${l.groupText === null
    ? nothing : html`<span class="lane-group">${l.groupText}</span>`}</div>
  <div class="lane-track"><ol class="cells" tabindex="0" aria-label=${l.empty ? `P${l.partition}: empty`
    : `P${l.partition}: offsets up to ${l.last}, newest on the right`}>${repeat(l.cells, (c) => c.id, cellTemplate)}</ol>${laneControls()}</div>
  </div>`;

/** The down arrow over the group's committed offset, made once per cell (guard) rather than at every render. */
const pointer = () => guard([], () => icon('down'));

function cellTemplate(c) {
  if (c.elided) return html`<li class="cell elided">${c.elided}</li>`;
  if (c.caughtUp) return html`<li class="cell next caught-up" data-lag="0" title=${c.title}>${pointer()} caught up</li>`;
  return html`<li class="cell ${c.open ? 'uncommitted' : ''} ${c.next ? 'next' : ''}" data-offset=${c.offset}
    data-lag=${c.lag ?? nothing} title=${c.title || nothing}>${c.next ? html`<span class="marker">${pointer()}<span
    class="visually-hidden">read next: </span></span>` : nothing}<span
    class="offset">${c.offset}</span>${c.key === null ? nothing : html`<span class="key">${c.key}</span>`}</li>`;
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
    const member = (m) => {
      const mine = m.assignment.filter((a) => a.topic === page.topic).map((a) => `P${a.partition}`);
      return html`<li>${`${m.clientId} (${m.host}) reads ${mine.length ? mine.join(', ') : 'nothing of this topic'}`}</li>`;
    };
    render(g.members.length ? repeat(g.members, (m, i) => m.memberId || `${m.clientId}#${i}`, member)
      : html`<li class="hint">No consumer is running in this group.</li>`, $('group-members'));
    const now = Date.now();
    const last = page.lag[page.lag.length - 1];
    if (!last || last.lag !== g.totalLag || now - last.at > 1000) page.lag.push({ at: now, lag: g.totalLag });
    page.lag = page.lag.filter((s) => now - s.at <= LAG_WINDOW_MS);
    drawLag();
  }
  // Keyed by what happened and when (a repeat of the same event in the same millisecond gets a count): an event
  // already listed stays the same element as new ones arrive, so a selection or focus in the list survives.
  const events = (entries.get('events') || []).slice(-20).reverse();
  const seen = new Map();
  const keyed = events.map((e) => {
    const id = `${e.at}|${e.kind}|${e.detail}`;
    const n = (seen.get(id) || 0) + 1;
    seen.set(id, n);
    return { e, id: `${id}|${n}` };
  });
  render(keyed.length ? repeat(keyed, (k) => k.id, ({ e }) => html`<li class="event event-${e.kind}">${
    `${new Date(e.at).toLocaleTimeString()} ${e.detail}`}</li>`)
    : html`<li class="hint">Nothing yet: start a consumer, add a second one, or reset the offsets.</li>`, $('group-events'));
}

// The lag chart: uPlot (its stylesheet comes with kafka.css), as wide as its column, its colours read from the
// page's tokens so it follows light and dark; drawn anew when the theme changes, resized with its column.
const LAG_HEIGHT = 180;
let uPlotModule = null;
let chartTheme = '';
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
  const colours = tokens();
  const theme = JSON.stringify(colours);
  if (page.chart && theme !== chartTheme) {
    page.chart.destroy();
    page.chart = null;
  }
  if (!page.chart) {
    chartTheme = theme;
    const type = chartType(host);
    const axis = { stroke: colours.muted, grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid, width: 1 },
      ...type.fonts };
    page.chart = new uPlotModule({
      width: chartWidth(host), height: chartHeight(host),
      series: [{}, { label: 'total lag', stroke: colours.down, width: 2 }],
      axes: [{ ...axis, size: xAxisSize(type), space: 50 * type.grow },
        { ...axis, label: 'records', size: 60 * type.grow, labelSize: 30 * type.grow, space: 30 * type.grow }],
    }, [xs, ys], host);
  } else {
    page.chart.setData([xs, ys]);
  }
}

function chartWidth(host) {
  return Math.max(240, Math.floor(host.clientWidth || 600));
}

/** uPlot's 50 px for the time axis: 15 for its ticks and gap, 35 for two lines of 12 px labels. */
function xAxisSize(type) {
  return 15 + 35 * type.grow;
}

/** Taller by what the time axis grows with larger type, so the plot itself keeps its height. */
function chartHeight(host) {
  return LAG_HEIGHT + xAxisSize(chartType(host)) - xAxisSize({ grow: 1 });
}

/**
 * The axes' type: a canvas cannot take CSS, so kafka.css registers --chart-type as a length (read here in px) at
 * uPlot's own 12 px, and the presenter view sets it to the room's size. The axes' room and tick spacing grow with it.
 */
function chartType(host) {
  const style = getComputedStyle(host);
  const px = parseFloat(style.getPropertyValue('--chart-type')) || 12;
  if (px === 12) return { grow: 1, fonts: {} }; // uPlot's defaults, as on the chapter page
  const font = `${px}px ${style.fontFamily}`;
  return { grow: px / 12, fonts: { font, labelFont: `bold ${font}` } };
}

/** The colours the chart draws with, from the page's tokens (a canvas cannot use var() itself). */
function tokens() {
  const style = getComputedStyle(document.documentElement);
  const get = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  return { down: get('--down', 'crimson'), muted: get('--muted', 'gray'), grid: resolved('var(--border, color-mix(in srgb, var(--muted) 30%, transparent))') };
}

/** A colour expression with var() in it, as the browser resolves it (a string a canvas understands). */
function resolved(colour) {
  const probe = el('span');
  probe.style.color = colour;
  probe.hidden = true;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

new ResizeObserver(() => {
  const host = $('lag-chart');
  if (page.chart && Math.abs(page.chart.width - chartWidth(host)) > 1) page.chart.setSize({ width: chartWidth(host), height: chartHeight(host) });
}).observe($('lag-chart'));
// A theme switch (system setting or the page's own switch) changes the tokens: draw the chart with the new ones.
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => page.chart && drawLag());
new MutationObserver(() => page.chart && drawLag()).observe(document.documentElement, { attributes: true });

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
  const draw = () => render(recordTable(rows), host);
  const schedule = paced(draw);
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
        schedule();
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

const scheduleLanes = paced(() => page.topicState && renderTopic(page.topicState.entries));

/**
 * {@code draw} on the next animation frame, and no more often than every PACE ms: at thousands of records a second
 * a lane or the table changes faster than anyone reads it, and drawing it on every frame would take all of them.
 */
function paced(draw) {
  let scheduled = false;
  let last = 0;
  const run = (now) => {
    if (now - last < PACE) return requestAnimationFrame(run);
    scheduled = false;
    last = now;
    draw();
  };
  return () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(run);
  };
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
    aria-sort="descending" title="the record timestamp, UTC time of day; newest first">time ${pointer()}</th><th class="headers">headers</th><th
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
    render(html`<p class="hint">Pick or create a topic.</p>`, $('lanes'));
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
