// Chapter 3, event time, live: a scenario played onto Kafka through a real windowed pipeline, drawn as it decides.
// The page keeps a model built from the pipeline's log (events, windows, watermarks, firings, drops) and redraws
// an SVG at most once per animation frame. Every text from a record goes in as text (lit-html text bindings or
// textContent), never as markup.
import { live, keyedState } from './live.js';
import { call, callInOrder, say } from './api.js';
import { $, el } from './dom.js';
import { html, svg, render, repeat, nothing } from './render.js';
// d3's UMD build sets globalThis.d3: its UTC time scale gives the axis its round ticks.
import '/webjars/d3/7.9.0/dist/d3.min.js';

// A pipeline on a learner's topic runs as long as they produce: the page keeps only the newest events, windows and
// dropped events (and says so), so it stays fast and bounded however long it runs. ?keep=N (10..2000) lowers it.
const KEEP = (() => {
  const asked = Number(new URLSearchParams(location.search).get('keep'));
  return Number.isInteger(asked) && asked >= 10 && asked <= 2000 ? asked : 2000;
})();
const clock = (ms) => (ms === null || ms === undefined || !isFinite(ms) || Math.abs(ms) > 8.64e15)
  ? (ms > 0 ? '+∞' : '−∞') : new Date(ms).toISOString().slice(11, 19);
const span = (w) => `[${clock(w.start)}, ${clock(w.end)})`;
// The one reading of a watermark, wherever the page shows it. The lab says "watermark = max − bound" and "fires
// when the watermark reaches the end"; the engine keeps Flink's max − bound − 1, so a shown watermark is the
// engine's + 1 (12:05:00, not 12:04:59.999).
const shownWatermark = (w) => w + 1;
const watermarkClock = (w) => clock(shownWatermark(w));
const wkey = (domain, key, w) => `${domain}|${key}|${w.start}|${w.end}`;

const connection = live();
const model = emptyModel();
let runId = null;
let stepsSub = null;
let scenarioConfig = null;
let scenarioExtent = null; // the loaded scenario's event-time span and keys: the axis and rows, fixed for its runs
let playback = null;
let source = { kind: 'playback' }; // or { kind: 'topic', topic }
let pipelines = new Map();

function emptyModel() {
  return {
    events: [], // {index, key, ts, partition, arrivalMs, status, reason}
    windows: new Map(), // wkey -> {domain, key, start, end, count, fired, lastFired, merged, purged, reason}
    watermark: -Infinity,
    partitionWatermarks: new Map(),
    idle: new Set(),
    late: [], // {id, key, ts, partition, reason}
    lateSeen: 0, // dropped events ever; keys the late marks
    log: [],
    seen: 0, // events ever applied; numbers them
    forgotten: 0, // events no longer kept
    processingNow: -Infinity, // the latest arrival: how far the processing-time clock has got
  };
}

// Drops the oldest beyond KEEP: events and late ones by arrival, windows by creation (a Map keeps insertion order).
function trim() {
  const over = model.events.length - KEEP;
  if (over > 0) {
    model.events.splice(0, over);
    model.forgotten += over;
  }
  if (model.late.length > KEEP) model.late.splice(0, model.late.length - KEEP);
  for (const k of model.windows.keys()) {
    if (model.windows.size <= KEEP) break;
    model.windows.delete(k);
  }
}

// ---------- the playback's state: scenario, run, position ----------
const state = keyedState((entries) => {
  playback = entries.get('state') || null;
  scenarioConfig = entries.get('config') || scenarioConfig;
  scenarioExtent = entries.get('extent') || null;
  if (!playback) {
    tell(following && !PRESENTER ? 'The instructor has not loaded a scenario yet.' : 'No scenario loaded: pick one and press Load.');
    return;
  }
  if (source.kind !== 'playback') return;
  if (playback.runId !== runId) startRun(playback.runId);
  tell(`${playback.title}: step ${playback.position} of ${playback.total}`
    + (playback.finished ? ' · finished (end of input)' : '') + (playback.playing ? ` · playing at ${playback.speed}×` : ' · paused'));
  $('scenario-description').textContent = playback.description || '';
  $('topics-note').textContent = `Real records on Kafka: input ${playback.inputTopic}, results ${playback.outputTopic}, `
    + `late side output ${playback.lateTopic}. Your own consumer can read them.`;
  if (document.activeElement?.closest('#config-form') === null || !document.activeElement) fillConfig(scenarioConfig);
  document.body.dataset.playing = playback.playing ? 'true' : 'false';
  schedule(); // the results depend on the settings and on whether the input has ended
});

// A normal status, read as normal: it also clears the error styling a refused control left on the line.
function tell(text) {
  say($('playback-status'), 'info', text);
}

// ---------- whose playback: the class's, or the learner's own ----------
// The presenter view is the class playback, which the instructor drives. On the chapter page a learner follows it
// (the picture is the instructor's, the controls rest) or plays one of their own through /api/playback/mine. Unless
// the learner chose, the page follows whenever a class playback is running: in a class, what the room sees is where
// everyone should be, and a learner alone has no class playback until they open the presenter view themselves.
const PRESENTER = document.body.classList.contains('present-time');
const FOLLOW_CHOICE = 'streamlab-follow';
let following = PRESENTER;
let ownSession = null;
let classPlayback = null; // the class playback's state, while one is loaded
let stateSub = null;

function watchState() {
  stateSub?.close();
  stateSub = null;
  const request = following ? { subject: 'playback' } : ownSession ? { subject: 'playback', session: ownSession } : null;
  if (request) {
    stateSub = connection.subscribe(request, state.handlers);
    return;
  }
  // No playback of one's own yet: an empty picture until the learner loads one.
  playback = null;
  state.entries.clear();
  if (source.kind === 'playback') {
    runId = null;
    stepsSub?.close();
    Object.assign(model, emptyModel());
    resetFrame();
    schedule();
    tell('Your own playback: pick a scenario and press Load.');
  }
}

function choice() {
  try { return localStorage.getItem(FOLLOW_CHOICE); } catch { return null; }
}

function setFollowing(on, chosen) {
  following = on;
  if (chosen) {
    try { localStorage.setItem(FOLLOW_CHOICE, on ? 'on' : 'off'); } catch { /* private mode: this page only */ }
  }
  drawFollow();
  watchState();
}

const REST = '#scenario-form button, .playback-controls button, .playback-controls select, #inject-form button, #config-form button[type=submit]';
function drawFollow() {
  if (PRESENTER) return;
  $('follow-row').hidden = false;
  $('follow').setAttribute('aria-checked', String(following));
  $('follow-state').textContent = following ? 'on' : 'off';
  const c = classPlayback;
  $('follow-note').textContent = following
    ? (c ? `The instructor's playback (${c.title}, step ${c.position} of ${c.total}): your controls rest while you follow.`
      : 'The instructor has not loaded a scenario yet: the picture shows it once they do.')
    : (c ? `The instructor is playing ${c.title}; this playback is your own.` : 'This playback is your own.');
  for (const control of document.querySelectorAll(REST)) control.disabled = following;
}

if (!PRESENTER) {
  $('follow').addEventListener('click', () => setFollowing(!following, true));
  const classState = keyedState((entries) => {
    classPlayback = entries.get('state') || null;
    const chosen = choice();
    if (classPlayback && !following && !ownSession && chosen !== 'off') {
      setFollowing(true, false);
    } else {
      drawFollow();
    }
  });
  connection.subscribe({ subject: 'playback' }, classState.handlers);
  call('GET', '/api/playback/mine').then((mine) => {
    if (mine.ok && mine.body.session) ownSession = mine.body.session;
    if (choice() === 'on') following = true;
    drawFollow();
    watchState();
  });
} else {
  watchState();
}

// ---------- pipelines on learners' own topics ----------
const topicList = keyedState((entries) => {
  const topics = [...entries.values()].filter((e) => e.kind === 'topic' && !e.internal
    && !e.name.endsWith('-windows') && !e.name.endsWith('-late') && !e.name.startsWith('streamlab-')).map((e) => e.name).sort();
  const select = $('pipeline-topic');
  const current = select.value;
  select.replaceChildren(...topics.map((t) => { const o = el('option', null, t); o.value = t; return o; }));
  if (topics.includes(current)) select.value = current;
});
connection.subscribe({ subject: 'cluster' }, topicList.handlers);

const pipelineList = keyedState((entries) => {
  pipelines = entries;
  $('pipelines').replaceChildren(...(entries.size ? [...entries.values()].map((p) => {
    const li = el('li', null, `${p.topic} → ${p.output} (late: ${p.late}) `);
    const watch = el('button', null, source.kind === 'topic' && source.topic === p.topic ? 'Watching' : 'Watch');
    watch.type = 'button';
    watch.addEventListener('click', () => watchTopic(p.topic));
    li.append(watch);
    return li;
  }) : [el('li', 'hint', 'No pipeline runs on your topics.')]));
  if (source.kind === 'topic') {
    const p = entries.get(source.topic);
    if (p && p.run !== runId) startRun(p.run);
  }
});
connection.subscribe({ subject: 'pipelines' }, pipelineList.handlers);

function watchTopic(topic) {
  source = { kind: 'topic', topic };
  const p = pipelines.get(topic);
  if (p) startRun(p.run);
  tell(`Watching the pipeline on ${topic}: produce to it and see each event land.`);
  if (p) fillConfig(p.config);
}


function startRun(id) {
  runId = id;
  stepsSub?.close();
  Object.assign(model, emptyModel());
  resetFrame();
  schedule();
  stepsSub = connection.subscribe({ subject: 'steps', run: id }, {
    resync() {
      Object.assign(model, emptyModel());
    },
    records(steps) {
      for (const step of steps) apply(step);
      trim();
      schedule();
    },
  });
}

// ---------- the model, from the pipeline's log ----------
function apply(step) {
  let event = null;
  if (step.partition >= 0) {
    event = { index: model.seen++, key: step.key, ts: step.eventTime, partition: step.partition,
      arrivalMs: step.arrivalMs, status: 'on-time', reason: '' };
    model.events.push(event);
  }
  const lines = [];
  // On time or late is an event-time question, and a question about the event's windows: behind the watermark but
  // in a window that has not fired yet, an event simply counts (on time); late means its window had already fired.
  let assigned = null; // {windows, watermark, fired: [windows of it that had fired before]}
  const mergedFired = []; // fired sessions the event's session merged with
  for (const entry of step.log) {
    switch (entry.type) {
      case 'ElementAssigned': {
        if (!event) break;
        const fired = [];
        for (const w of entry.windows) {
          const win = windowFor(entry.domain, entry.key, w);
          if (entry.domain === 'EVENT_TIME' && win.fired) fired.push(w);
          win.count += 1;
        }
        if (entry.domain === 'EVENT_TIME') assigned = { windows: entry.windows, watermark: model.watermark, fired };
        break;
      }
      case 'WindowCreated':
        windowFor(entry.domain, entry.key, entry.window);
        break;
      case 'WindowsMerged': {
        const result = windowFor('EVENT_TIME', entry.key, entry.result);
        let count = 0;
        for (const w of [...entry.merged, entry.elementWindow]) {
          const k = wkey('EVENT_TIME', entry.key, w);
          const old = model.windows.get(k);
          if (old?.fired) mergedFired.push(w);
          if (old && k !== wkey('EVENT_TIME', entry.key, entry.result)) {
            count += old.count;
            model.windows.delete(k);
          }
        }
        result.count += count;
        result.reason = `merged: sessions ${entry.merged.map(span).join(' and ')} now overlap, so they are one session ${span(entry.result)}`;
        lines.push(`${entry.key}: sessions merged into ${span(entry.result)}`);
        break;
      }
      case 'WindowFired': {
        const f = entry.firing;
        const win = windowFor(f.domain, f.key, f.window);
        win.fired += 1;
        win.lastFired = f.result.count;
        win.count = f.result.count;
        win.reason = fireReason(f);
        lines.push(`${f.key} ${span(f.window)} fired (${f.domain === 'PROCESSING_TIME' ? 'processing time' : 'event time'}): count ${f.result.count}`);
        break;
      }
      case 'StatePurged': {
        const win = model.windows.get(wkey(entry.domain, entry.key, entry.window));
        if (win) win.purged = true;
        break;
      }
      case 'ElementDropped': {
        const e = entry.element;
        const lateness = e.allowedLatenessMs;
        const reason = entry.expiredWindows.length
          ? `dropped (late): watermark ${watermarkClock(e.watermark)} passed end ${clock(entry.expiredWindows[0].end)} + lateness ${lateness / 1000} s`
          : `dropped: event time ${clock(e.ts)} falls in no window`;
        if (event) {
          event.status = 'dropped';
          event.reason = reason;
        }
        model.late.push({ id: model.lateSeen++, key: e.key, ts: e.ts, partition: e.partition, reason });
        lines.push(`${e.key} at ${clock(e.ts)} ${reason}`);
        break;
      }
      case 'PartitionWatermarkAdvanced':
        model.partitionWatermarks.set(entry.partition, entry.watermark);
        break;
      case 'WatermarkAdvanced':
        model.watermark = entry.watermark;
        lines.push(`watermark → ${watermarkClock(entry.watermark)}` + (entry.cause === 'IDLENESS' ? ' (an idle partition stopped holding it back)' : ''));
        break;
      case 'PartitionIdle':
        model.idle.add(entry.partition);
        lines.push(`partition ${entry.partition} is idle: it no longer holds the watermark back`);
        break;
      case 'PartitionActive':
        model.idle.delete(entry.partition);
        break;
      default:
        break;
    }
  }
  if (event && assigned && event.status !== 'dropped') classify(event, assigned, mergedFired);
  if (event) model.processingNow = Math.max(model.processingNow, event.arrivalMs);
  // Steps may have been skipped when the stream ran faster than a page draws: the state after is the truth.
  if (step.after) {
    if (step.after.watermark > model.watermark) model.watermark = step.after.watermark;
    step.after.partitionWatermarks.forEach((w, p) => model.partitionWatermarks.set(p, w));
    model.idle = new Set(step.after.idlePartitions);
  }
  const head = event ? `#${event.index + 1} ${event.key} at ${clock(event.ts)} (partition ${event.partition}, arrived ${clock(event.arrivalMs)})`
    : 'end of input: the final watermark fires every window left';
  model.log.unshift({ head, lines });
  if (model.log.length > 200) model.log.pop();
}

function classify(event, assigned, mergedFired) {
  const at = `event time ${clock(event.ts)}`;
  const mark = `the watermark ${watermarkClock(assigned.watermark)}`;
  const firedBefore = [...assigned.fired, ...mergedFired];
  if (firedBefore.length) {
    event.status = 'late';
    event.reason = `late but accepted: its window ${span(firedBefore[0])} had already fired (${at} is behind ${mark}), `
      + 'but it is still within the allowed lateness, so the window counts it and fires again';
    return;
  }
  event.status = 'on-time';
  const windows = assigned.windows.map(span).join(' and ');
  event.reason = event.ts <= assigned.watermark
    ? `on time: ${at} is behind ${mark}, but its window ${windows} has not fired yet, so it simply counts`
    : `on time: ${at} is not behind ${mark}`;
}

function windowFor(domain, key, w) {
  const k = wkey(domain, key, w);
  let win = model.windows.get(k);
  if (!win) {
    win = { domain, key, start: w.start, end: w.end, count: 0, fired: 0, lastFired: null, purged: false,
      reason: `open: fires when the watermark reaches its end ${clock(w.end)}` };
    model.windows.set(k, win);
  }
  return win;
}

// The lab shows "watermark = max - bound" and "fires when the watermark reaches the end"; the engine's
// Flink convention (max - bound - 1, fires at watermark >= end - 1) decides the same moments.
function fireReason(f) {
  switch (f.cause) {
    case 'WATERMARK': return `fired: watermark ${watermarkClock(f.watermark)} reached the window end ${clock(f.window.end)}`;
    case 'ELEMENT': return `fired again: a late event within the allowed lateness joined it (count now ${f.result.count})`;
    case 'END_OF_INPUT': return 'fired: end of input moved the watermark to the end of time';
    case 'PROCESSING_TIME': return `fired: the processing-time clock reached the window end ${clock(f.window.end)}`;
    default: return 'fired';
  }
}

// ---------- drawing ----------
// The smallest and largest of a long list, without spreading it into arguments (which overflows the call stack).
function extent(values) {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

function drawBound() {
  const host = $('stage');
  let note = document.getElementById('model-bound');
  if (!note) {
    note = el('p', 'hint');
    note.id = 'model-bound';
    host.after(note);
  }
  note.textContent = model.forgotten
    ? `Showing the last ${KEEP} events (and at most ${KEEP} windows): ${model.forgotten} older ones are no longer drawn; the pipeline counted them all.`
    : '';
  host.dataset.events = model.events.length;
  host.dataset.windows = model.windows.size;
  host.dataset.late = model.late.length;
  host.dataset.keep = KEEP;
}

let scheduled = false;
function schedule() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    draw();
  });
}

function draw() {
  drawStage();
  drawBound();
  drawResults();
  drawLate();
  drawLog();
  $('watermark-text').textContent = isFinite(model.watermark)
    ? `Watermark ${watermarkClock(model.watermark)}` + [...model.partitionWatermarks].map(([p, w]) =>
      ` · partition ${p}: ${watermarkClock(w)}${model.idle.has(p) ? ' (idle)' : ''}`).join('')
    : 'Watermark: none yet (no event seen)';
}

// ---------- the picture's frame: time axis and key rows, fixed for a run ----------
// Ticks come from d3's UTC time scale made nice over the whole scenario (its events and the windows they fall in,
// sent with the playback as its extent), so they fall on round times (1, 2, 5, 10, 15, 30 s/min/h…) and stay put
// while stepping. A pipeline on a learner's topic has no whole extent: its domain grows only when a time falls
// outside it, and then by whole tick intervals, so what is drawn does not drift with every event.
const LAYOUT = { right: 56, top: 34, lane: 18, subRow: 26, pad: 6, footerLine: 18 };
const MAX_LANES = 3; // events of one key closer than a mark's width stack in up to three lanes, then overlap
const MARK_GAP = 13; // px: two marks closer than this would hide each other
const frame = emptyFrame();

function emptyFrame() {
  return {
    width: 0, // the picture's width in px, measured once (and again on resize)
    domain: null, // [from, to] in ms: nice, round ends
    keys: [], // the rows, in a fixed order: the scenario's keys, then any new key in order of appearance
    lanes: new Map(), // event index -> lane in its key's event track
    subRows: new Map(), // window key -> sub-row in its key's window track
  };
}

function resetFrame() {
  Object.assign(frame, emptyFrame());
}

const d3 = () => globalThis.d3;
const tickCount = () => Math.max(2, Math.round((frame.width - gutter() - LAYOUT.right) / 130));
const gutter = () => Math.min(200, Math.max(72, 16 + 8 * Math.max(4, ...frame.keys.slice(0, 200).map((k) => k.length))));

function niceDomain(from, to) {
  const hi = to > from ? to : from + 1000;
  return d3().scaleUtc().domain([from, hi]).nice(tickCount()).domain().map(Number);
}

// Makes the domain cover [from, to]: once from the extent, then only by whole tick intervals.
function cover(from, to) {
  if (!frame.domain) {
    frame.domain = niceDomain(from, to);
    return;
  }
  let [a, b] = frame.domain;
  if (from >= a && to <= b) return;
  const ticks = d3().scaleUtc().domain(frame.domain).ticks(tickCount()).map(Number);
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : b - a;
  if (from < a) a -= Math.ceil((a - from) / step) * step;
  if (to > b) b += Math.ceil((to - b) / step) * step;
  frame.domain = niceDomain(a, b);
  frame.lanes.clear(); // marks moved: their lanes are worked out again
}

// The label format follows the ticks d3 chose: whole minutes read 12:05, seconds 12:05:30, and a day is named when
// the axis spans more than one.
function tickFormat(ticks) {
  const f = d3().utcFormat;
  const spansDays = frame.domain[1] - frame.domain[0] > 86_400_000;
  const seconds = ticks.some((t) => t % 60_000 !== 0);
  return f(`${spansDays ? '%b %d ' : ''}%H:%M${seconds ? ':%S' : ''}`);
}

function currentWindowConfig() {
  const config = source.kind === 'topic' ? pipelines.get(source.topic)?.config : scenarioConfig;
  return config?.window || null;
}

// Sliding and tumbling windows have a fixed pattern: window n goes to sub-row n mod (size / slide), so windows in
// one sub-row never overlap and a window keeps its sub-row from step to step. Sessions (and anything else) take
// the lowest sub-row free of the key's other windows, once.
function subRowOf(w, windowsOfKey, config) {
  const k = wkey(w.domain, w.key, w);
  let row = frame.subRows.get(k);
  if (row !== undefined) return row;
  const slide = config?.type === 'sliding' ? config.slideMs : config?.type === 'tumbling' ? config.sizeMs : null;
  if (slide && config.sizeMs && w.end - w.start === config.sizeMs) {
    const n = Math.ceil(config.sizeMs / slide);
    row = ((Math.floor(w.start / slide) % n) + n) % n;
  } else {
    const taken = new Set();
    for (const o of windowsOfKey) {
      const r = frame.subRows.get(wkey(o.domain, o.key, o));
      if (o !== w && r !== undefined && o.start < w.end && w.start < o.end) taken.add(r);
    }
    row = 0;
    while (taken.has(row)) row += 1;
  }
  frame.subRows.set(k, row);
  return row;
}

function minSubRows(config) {
  return config?.type === 'sliding' && config.slideMs ? Math.ceil(config.sizeMs / config.slideMs) : 1;
}

// Drawn with lit-html: the same marks stay the same elements from frame to frame (keyed by event number and window),
// so a keyboard user's focus on a mark survives every step. Each key has a row: its events on a track at their event
// time, its windows below in sub-rows.
function drawStage() {
  const host = $('stage');
  const eventWindows = [...model.windows.values()].filter((w) => w.domain === 'EVENT_TIME');
  if (!frame.domain && source.kind === 'playback' && scenarioExtent) {
    frame.keys = [...scenarioExtent.keys];
  }
  const known = new Set(frame.keys);
  for (const item of [...model.events, ...eventWindows]) {
    if (!known.has(item.key)) {
      known.add(item.key);
      frame.keys.push(item.key);
    }
  }
  if (!model.events.length && !eventWindows.length && !(source.kind === 'playback' && scenarioExtent)) {
    render(html`<p class="hint">Step or play to send the first event.</p>`, host);
    return;
  }
  if (!frame.width) frame.width = Math.max(host.clientWidth || 900, 600);
  const width = frame.width;
  if (!frame.domain && source.kind === 'playback' && scenarioExtent) cover(scenarioExtent.fromMs, scenarioExtent.toMs);
  const [lo, hi] = extent([...model.events.map((e) => e.ts), ...eventWindows.flatMap((w) => [w.start, w.end])]
    .filter((t) => isFinite(t) && Math.abs(t) < 8.64e15));
  if (lo <= hi) cover(lo, hi);

  const left = gutter();
  const scale = d3().scaleUtc().domain(frame.domain).range([left, width - LAYOUT.right]);
  const x = (t) => scale(t);
  const ticks = scale.ticks(tickCount()).map(Number);
  const format = tickFormat(ticks);
  const config = currentWindowConfig();
  if (frame.subRows.size > 2 * KEEP) {
    const present = new Set(eventWindows.map((w) => wkey(w.domain, w.key, w)));
    for (const k of frame.subRows.keys()) if (!present.has(k)) frame.subRows.delete(k);
  }

  // Lanes and sub-rows, then each row's height from what it holds.
  const windowsByKey = new Map(frame.keys.map((k) => [k, []]));
  for (const w of eventWindows) windowsByKey.get(w.key).push(w);
  const subRow = new Map();
  const rows = new Map(frame.keys.map((k) => [k, { lanes: 1, subRows: minSubRows(config), placed: [] }]));
  for (const w of eventWindows) {
    const r = subRowOf(w, windowsByKey.get(w.key), config);
    subRow.set(w, r);
    const row = rows.get(w.key);
    row.subRows = Math.max(row.subRows, r + 1);
  }
  for (const e of model.events) {
    const row = rows.get(e.key);
    let lane = frame.lanes.get(e.index);
    if (lane === undefined) {
      const cx = x(e.ts);
      const taken = new Set(row.placed.filter((p) => Math.abs(p.x - cx) < MARK_GAP).map((p) => p.lane));
      lane = 0;
      while (taken.has(lane) && lane < MAX_LANES - 1) lane += 1;
      frame.lanes.set(e.index, lane);
    }
    row.placed.push({ x: x(e.ts), lane });
    row.lanes = Math.max(row.lanes, lane + 1);
  }
  if (frame.lanes.size > 2 * KEEP) {
    const kept = new Set(model.events.map((e) => e.index));
    for (const i of frame.lanes.keys()) if (!kept.has(i)) frame.lanes.delete(i);
  }
  let y = LAYOUT.top;
  for (const key of frame.keys) {
    const row = rows.get(key);
    row.top = y;
    row.windowsTop = y + LAYOUT.pad + row.lanes * LAYOUT.lane;
    row.height = 2 * LAYOUT.pad + row.lanes * LAYOUT.lane + row.subRows * LAYOUT.subRow;
    y += row.height;
  }
  const rowsBottom = y;
  const partitionLines = model.partitionWatermarks.size < 2 ? []
    : [...model.partitionWatermarks].filter(([, w]) => isFinite(w));
  const height = rowsBottom + LAYOUT.pad + LAYOUT.footerLine * (1 + partitionLines.length) + LAYOUT.pad;

  // A watermark beyond the axis (end of input moves it to the end of time) stands at the edge it passed, and a small
  // triangle between it and its label points the way (drawn, not a font's glyph).
  const watermarkAt = (w) => Math.min(width - LAYOUT.right, Math.max(left, x(shownWatermark(w))));
  const beyond = (w) => (shownWatermark(w) < frame.domain[0] ? 'before'
    : shownWatermark(w) > frame.domain[1] ? 'after' : null);
  const watermarkLabel = (xw, line, w, text, cls) => {
    const toLeft = xw > width - LAYOUT.right - 170;
    const side = toLeft ? -1 : 1;
    const y = rowsBottom + LAYOUT.pad + LAYOUT.footerLine * line + 13;
    const way = beyond(w);
    const near = xw + side * 5;
    const far = xw + side * 11;
    const [tip, base] = (way === 'before') === (near < far) ? [near, far] : [far, near];
    return svg`${way ? svg`<path d=${`M ${tip} ${y - 4.5} L ${base} ${y - 9} L ${base} ${y} Z`}
        class=${`${cls} pointer`} data-way=${way}></path>` : nothing}<text x=${xw + side * (way ? 14 : 5)} y=${y}
      text-anchor=${toLeft ? 'end' : 'start'} class=${cls}>${text}</text>`;
  };

  const windowMark = (w) => {
    const row = rows.get(w.key);
    const x0 = x(w.start) + 1;
    const x1 = x(w.end) - 1;
    const top = row.windowsTop + subRow.get(w) * LAYOUT.subRow + 2;
    // A fired window's count follows a drawn tick (×n when it fired n times, with allowed lateness).
    const label = `${w.count}${w.fired > 1 ? ` ×${w.fired}` : ''}`;
    const middle = top + (LAYOUT.subRow - 4) / 2;
    return svg`<g class=${`window${w.fired ? ' fired' : ' pending'}${w.purged ? ' purged' : ''}`} tabindex="0"
        aria-label=${`${w.key} window ${span(w)}: count ${w.count}. ${w.reason}`} data-window=${`${w.key}|${w.start}|${w.end}`}
        data-count=${w.count} data-fired=${w.fired} data-sub-row=${subRow.get(w)} @focus=${showReason}>
      <rect x=${x0} y=${top} width=${Math.max(x1 - x0, 2)} height=${LAYOUT.subRow - 4} rx="3"></rect>
      ${w.fired ? svg`<path d=${`M ${x0 + 5} ${middle} l 3.5 3.5 l 5.5 -7.5`} class="fired-tick"></path>` : nothing}
      <text x=${x0 + (w.fired ? 18 : 6)} y=${top + LAYOUT.subRow / 2 + 3} class="window-count">${label}</text>
      <title .textContent=${`${span(w)} count ${w.count} — ${w.reason}`}></title>
    </g>`;
  };
  const eventMark = (e) => {
    const row = rows.get(e.key);
    const cx = x(e.ts);
    const cy = row.top + LAYOUT.pad + frame.lanes.get(e.index) * LAYOUT.lane + LAYOUT.lane / 2;
    const mark = e.status === 'dropped' ? svg`<path d=${`M ${cx - 5} ${cy - 5} l 10 10 m 0 -10 l -10 10`} class="mark late-mark"></path>`
      : e.status === 'late' ? svg`<path d=${`M ${cx} ${cy - 6} L ${cx + 6} ${cy + 5} L ${cx - 6} ${cy + 5} Z`} class="mark"></path>`
        : svg`<circle cx=${cx} cy=${cy} r="5.5" class="mark"></circle>`;
    return svg`<g class=${`event ${e.status}`} tabindex="0"
        aria-label=${`event ${e.index + 1}: ${e.key} at ${clock(e.ts)}, partition ${e.partition}. ${e.reason}`}
        data-index=${e.index + 1} data-status=${e.status} data-key=${e.key} @focus=${showReason}>
      ${mark}<title .textContent=${`${e.key} at ${clock(e.ts)} — ${e.reason}`}></title>
    </g>`;
  };
  const combinedX = isFinite(model.watermark) ? watermarkAt(model.watermark) : null;
  render(html`<svg width=${width} height=${height} viewBox=${`0 0 ${width} ${height}`} class="timeline"
      data-from=${frame.domain[0]} data-to=${frame.domain[1]}>
    ${repeat(frame.keys, (k) => k, (key, i) => {
      const row = rows.get(key);
      return svg`<rect x="0" y=${row.top} width=${width} height=${row.height} class=${`key-row${i % 2 ? ' odd' : ''}`}
          data-key=${key}></rect>
        <text x="8" y=${row.top + LAYOUT.pad + LAYOUT.lane / 2 + 4} class="row-label" data-key=${key}>${key}</text>`;
    })}
    ${repeat(ticks, (t) => t, (t) => svg`<g class="axis-tick" data-ms=${t}>
      <line x1=${x(t)} x2=${x(t)} y1=${LAYOUT.top - 6} y2=${rowsBottom} class="grid"></line>
      <text x=${x(t)} y=${LAYOUT.top - 12} class="tick-label" text-anchor="middle">${format(new Date(t))}</text></g>`)}
    ${repeat(eventWindows, (w) => wkey(w.domain, w.key, w), windowMark)}
    ${repeat(model.events, (e) => e.index, eventMark)}
    ${partitionLines.map(([p, w], i) => {
      const xw = watermarkAt(w);
      const idle = model.idle.has(p);
      return svg`<line x1=${xw} x2=${xw} y1=${LAYOUT.top} y2=${rowsBottom + LAYOUT.pad + LAYOUT.footerLine * (i + 1) + 4}
          class=${`watermark partition${idle ? ' idle' : ''}`} data-partition=${p}></line>
        ${watermarkLabel(xw, i + 1, w, `partition ${p}: ${watermarkClock(w)}${idle ? ' (idle)' : ''}`,
          `partition-watermark-label${idle ? ' idle' : ''}`)}`;
    })}
    ${combinedX === null ? nothing : svg`<line x1=${combinedX} x2=${combinedX} y1=${LAYOUT.top} y2=${rowsBottom + LAYOUT.pad + 4}
        class="watermark combined" data-watermark=${model.watermark}></line>
      ${watermarkLabel(combinedX, 0, model.watermark, `watermark ${watermarkClock(model.watermark)}`, 'watermark-label')}`}
  </svg>`, host);
}

function showReason(e) {
  $('last-step').textContent = e.currentTarget.getAttribute('aria-label');
}

// A row compares the two clocks only when they count the same kind of window; a side that has not fired its window
// yet is pending, not different.
function drawResults() {
  const config = source.kind === 'topic' ? pipelines.get(source.topic)?.config : scenarioConfig;
  const hasProcessing = Boolean(config?.processingWindow)
    || [...model.windows.values()].some((w) => w.domain === 'PROCESSING_TIME');
  const comparable = hasProcessing && config && sameWindows(config.window, config.processingWindow);
  $('results-note').textContent = !config ? ''
    : !hasProcessing ? `Event time counts ${windowsText(config.window)}; no processing-time windows are configured here.`
      : comparable ? `Both clocks count ${windowsText(config.window)}: a row is highlighted where the two counts differ; `
        + '"not fired yet" means that clock has not reached the window\'s end yet.'
        : `Event time counts ${windowsText(config.window)}; processing time counts ${windowsText(config.processingWindow)}. `
          + 'They are different windows, so the two counts are not compared.';
  const rows = new Map();
  for (const w of model.windows.values()) {
    if (!w.fired) continue;
    const k = `${w.key}|${w.start}|${w.end}`;
    const row = rows.get(k) || { key: w.key, start: w.start, end: w.end, event: null, processing: null, fired: 0 };
    if (w.domain === 'PROCESSING_TIME') row.processing = w.lastFired;
    else row.event = w.lastFired;
    row.fired += w.fired;
    rows.set(k, row);
  }
  const finished = source.kind === 'playback' && playback?.finished;
  const sorted = [...rows.values()].sort((a, b) => a.start - b.start || a.key.localeCompare(b.key));
  $('results').replaceChildren(...(sorted.length ? sorted.map((r) => {
    const tr = el('tr');
    // Different windows on the two clocks (sessions beside hourly windows): the other clock never has this window.
    const eventSide = side(r, 'EVENT_TIME', r.event, comparable, !finished && model.watermark < r.end - 1);
    const processingSide = hasProcessing
      ? side(r, 'PROCESSING_TIME', r.processing, comparable, !finished && model.processingNow < r.end)
      : { text: 'not configured' };
    const pending = eventSide.pending || processingSide.pending;
    const differs = comparable && !pending && r.event !== r.processing;
    if (differs) tr.className = 'differs';
    else if (pending) tr.className = 'pending';
    tr.dataset.window = `${r.key}|${r.start}|${r.end}`;
    tr.append(el('td', null, r.key), el('td', null, span(r)), el('td', 'event-count', eventSide.text),
      el('td', 'processing-count', processingSide.text),
      el('td', null, `${r.fired}×${differs ? ' · differs'
        : pending ? ` · pending: ${eventSide.pending ? 'event time' : 'processing time'} has not fired it yet` : ''}`));
    return tr;
  }) : [tr1('No window has fired yet.')]));
}

// One side of a results row: its count when fired; "not fired yet" while its window is open or its clock has not
// reached the end; "—" when that clock never had the window (no event in it, or it counts other windows).
function side(r, domain, count, comparable, clockBefore) {
  if (count !== null && count !== undefined) return { text: String(count) };
  const open = model.windows.get(wkey(domain, r.key, r));
  return open || (comparable && clockBefore) ? { text: 'not fired yet', pending: true } : { text: '—' };
}

function sameWindows(a, b) {
  return Boolean(a && b) && a.type === b.type && a.sizeMs === b.sizeMs && a.slideMs === b.slideMs && a.gapMs === b.gapMs;
}

function windowsText(w) {
  if (!w) return 'no windows';
  if (w.type === 'session') return `session windows (gap ${duration(w.gapMs)})`;
  if (w.type === 'sliding') return `sliding windows of ${duration(w.sizeMs)} every ${duration(w.slideMs)}`;
  return `tumbling windows of ${duration(w.sizeMs)}`;
}

function duration(ms) {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

function tr1(text) {
  const tr = el('tr');
  const td = el('td', 'hint', text);
  td.colSpan = 5;
  tr.append(td);
  return tr;
}

function drawLate() {
  $('late-lane').replaceChildren(...(model.late.length
    ? model.late.map((l) => el('li', 'late', `${l.key} at ${clock(l.ts)} (partition ${l.partition}): ${l.reason}`))
    : [el('li', 'hint', 'Nothing dropped yet.')]));
}

function drawLog() {
  const latest = model.log[0];
  if (latest) $('last-step').textContent = [latest.head, ...latest.lines].join(' · ');
  $('step-log').replaceChildren(...model.log.slice(0, 30).map((s) => el('li', null, [s.head, ...s.lines].join(' · '))));
}

// ---------- controls ----------
// In line with every other playback request (the presenter's keys too): each acts on what the previous one left.
// The presenter view drives the class playback; the chapter page drives the learner's own, and none while it follows.
async function act(path, body) {
  if (!PRESENTER && following) {
    say($('playback-status'), 'info', 'You are following the instructor: turn following off to play on your own.');
    return { ok: false };
  }
  const result = await callInOrder('POST', PRESENTER ? path : path.replace(/^\/api\/playback/, '/api/playback/mine'), body);
  if (!result.ok) say($('playback-status'), 'error', result.error);
  else if (!PRESENTER && result.body?.session && result.body.session !== ownSession) {
    ownSession = result.body.session;
    watchState();
  }
  return result;
}

$('scenario-form').addEventListener('submit', (e) => {
  e.preventDefault();
  act('/api/playback', { scenario: $('scenario-select').value });
});
$('play').addEventListener('click', () => act('/api/playback/play', { speed: Number($('speed').value) }));
$('pause').addEventListener('click', () => act('/api/playback/pause'));
$('step').addEventListener('click', () => act('/api/playback/step'));
$('step-back').addEventListener('click', () => act('/api/playback/back'));
$('restart').addEventListener('click', () => act('/api/playback/restart'));
$('speed').addEventListener('change', () => { if (playback?.playing) act('/api/playback/play', { speed: Number($('speed').value) }); });
$('inject-form').addEventListener('submit', (e) => {
  e.preventDefault();
  act('/api/playback/inject', { key: $('inject-key').value, lateByMs: Number($('inject-late').value) * 1000 });
});
$('config-form').addEventListener('submit', (e) => {
  e.preventDefault();
  act('/api/playback', { scenario: playback?.scenarioId || $('scenario-select').value, ...settings() });
});

function settings() {
  const seconds = (id) => ($(id).value === '' ? null : Math.round(Number($(id).value) * 1000));
  return {
    window: { type: $('cfg-type').value, sizeMs: seconds('cfg-size'), slideMs: seconds('cfg-slide'), gapMs: seconds('cfg-gap') },
    maxOutOfOrdernessMs: seconds('cfg-bound'), allowedLatenessMs: seconds('cfg-lateness'), idlenessMs: seconds('cfg-idleness'),
  };
}

$('pipeline-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const topic = $('pipeline-topic').value;
  if (!topic) return say($('pipeline-result'), 'error', 'Create a topic first (on /kafka), then pick it here.');
  const result = await call('POST', '/api/pipelines', { topic, ...settings() });
  if (!result.ok) return say($('pipeline-result'), 'error', result.error);
  say($('pipeline-result'), 'ok', `Running on ${topic}: results in ${result.body.output}, late events in ${result.body.late}.`);
  source = { kind: 'topic', topic };
  startRun(result.body.run);
});
$('pipeline-stop').addEventListener('click', async () => {
  const topic = $('pipeline-topic').value;
  const result = await call('DELETE', `/api/pipelines/${encodeURIComponent(topic)}`);
  say($('pipeline-result'), result.ok ? 'ok' : 'error', result.ok ? `Stopped the pipeline on ${topic}.` : result.error);
});
$('watch-playback').addEventListener('click', () => {
  source = { kind: 'playback' };
  if (playback) startRun(playback.runId);
});

function fillConfig(config) {
  if (!config) return;
  const s = (ms) => (ms === null || ms === undefined ? '' : String(ms / 1000));
  $('cfg-type').value = config.window.type;
  $('cfg-size').value = s(config.window.sizeMs);
  $('cfg-slide').value = s(config.window.slideMs);
  $('cfg-gap').value = s(config.window.gapMs);
  $('cfg-bound').value = s(config.maxOutOfOrdernessMs);
  $('cfg-lateness').value = s(config.allowedLatenessMs);
  $('cfg-idleness').value = s(config.idlenessMs);
}

// The page-wide keys give way to the focused control: in a field or a list every key is the control's own (arrows
// move within the scenario list), and Space on any control presses that control only. A focused mark on the chart
// is not a control: there the keys step, play and pause.
const FIELDS = 'input, select, textarea, [contenteditable]:not([contenteditable="false"]), [role="listbox"], [role="option"], '
  + '[role="combobox"], [role="slider"], [role="spinbutton"], [role="tablist"], [role="tab"]';
const CONTROLS = `${FIELDS}, button, summary, a[href], [role="button"], [role="checkbox"], [role="switch"]`;
document.addEventListener('keydown', (e) => {
  const focus = [e.target, document.activeElement].filter((n) => n instanceof Element);
  if (e.altKey || e.ctrlKey || e.metaKey || focus.some((n) => n.closest(FIELDS))) return;
  if (e.key === ' ' && focus.some((n) => n.closest(CONTROLS))) return;
  const keys = {
    ' ': () => act(playback?.playing ? '/api/playback/pause' : '/api/playback/play', { speed: Number($('speed').value) }),
    ArrowRight: () => act('/api/playback/step'),
    ArrowLeft: () => act('/api/playback/back'),
    r: () => act('/api/playback/restart'),
  };
  const action = keys[e.key] || keys[e.key.toLowerCase?.()];
  if (action) {
    e.preventDefault();
    action();
  }
});
window.addEventListener('resize', () => {
  frame.width = 0; // measured again: the tick count follows the width
  frame.lanes.clear();
  schedule();
});
