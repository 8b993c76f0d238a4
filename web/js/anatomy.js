// Transaction anatomy of a topic, live: every offset of each partition classified by comparing what a
// read_uncommitted and a read_committed reader see, with the high watermark, last stable offset and the producers
// (id, epoch) the broker reports. An offset neither reader sees below the last stable offset is a control marker
// (a transaction's commit or abort); one only read_uncommitted sees was aborted.
// Epochs as they really move: under transactions v2 (Kafka 4, KIP-890) the coordinator bumps the producer epoch at
// the end of every transaction, so a high epoch counts transactions, not restarts. A restart (fencing) shows as a
// new producer id or an epoch jump for the same transactional id: the page calls restarted() at each kill, and each
// transactional id then shows the producer seen last before it and first after it.
import { keyedState } from './live.js';
import { el } from './dom.js';
import { html, render, repeat, nothing } from './render.js';
import { scrollingLanes, laneControls } from './lanes.js';

const SHOWN = 40;

/**
 * Draws the anatomy of {@code topic} into {@code host}; returns a handle whose close() stops it and whose
 * restarted() marks the moment a writer was killed and restarted.
 */
export function anatomy(connection, topic, host) {
  const seen = { read_uncommitted: new Map(), read_committed: new Map() }; // partition -> Set(offset)
  let partitions = [];
  let transactions = [];
  const lastSeen = new Map(); // transactional id -> { producerId, producerEpoch } as last reported
  const restarts = new Map(); // transactional id -> { before, after } around the last restart()
  let scheduled = false;
  // Drawn into an element of its own, keyed (lanes by partition, cells by offset, transactions by id): the lanes
  // keep their scroll position and the page may empty the host when it drops this anatomy.
  const root = el('div', 'anatomy-view');
  host.replaceChildren(root);
  const scroll = scrollingLanes(root);
  const draw = () => {
    scheduled = false;
    scroll.before();
    render(html`${repeat(partitions, (p) => p.partition, lane)}${transactionList()}`, root);
    scroll.after();
  };
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(draw);
    }
  };
  const remember = (isolation) => ({
    resync() { seen[isolation].clear(); },
    records(list) {
      for (const r of list) {
        let set = seen[isolation].get(r.partition);
        if (!set) seen[isolation].set(r.partition, (set = new Set()));
        set.add(r.offset);
        if (set.size > SHOWN * 4) set.delete(set.values().next().value);
      }
      schedule();
    },
  });
  const state = keyedState((entries) => {
    partitions = [...entries.entries()].filter(([k]) => /^p\d+$/.test(k)).map(([, v]) => v).sort((a, b) => a.partition - b.partition);
    transactions = [...entries.entries()].filter(([k]) => k.startsWith('tx:')).map(([, v]) => v);
    for (const t of transactions) {
      const now = { producerId: t.producerId, producerEpoch: t.producerEpoch };
      const r = restarts.get(t.transactionalId);
      if (r && !r.after && (r.before === null || now.producerId !== r.before.producerId || now.producerEpoch !== r.before.producerEpoch)) {
        r.after = now;
      }
      lastSeen.set(t.transactionalId, now);
    }
    schedule();
  });

  const TITLES = {
    pending: 'in a transaction still open: read_committed readers stop before it',
    committed: 'a committed record: both readers see it',
    aborted: 'written by a transaction that aborted: read_uncommitted sees it, read_committed never will',
    marker: 'a control marker: the commit or abort of a transaction (no reader gets it as a record)',
  };
  const LABELS = { pending: 'open', committed: 'record', aborted: 'aborted', marker: 'marker' };

  function lane(p) {
    const producers = p.activeProducers.map((a) => `producer ${a.producerId} epoch ${a.producerEpoch}`
      + (a.currentTransactionStartOffset >= 0 ? ` (open transaction from offset ${a.currentTransactionStartOffset})` : '')).join('; ');
    const from = Math.max(p.logStartOffset, p.highWatermark - SHOWN);
    const uncommitted = seen.read_uncommitted.get(p.partition) || new Set();
    const committed = seen.read_committed.get(p.partition) || new Set();
    const cells = [];
    for (let offset = from; offset < p.highWatermark; offset++) {
      const kind = offset >= p.lastStableOffset ? 'pending' : committed.has(offset) ? 'committed'
        : uncommitted.has(offset) ? 'aborted' : 'marker';
      cells.push({ offset, kind });
    }
    const empty = p.highWatermark <= p.logStartOffset;
    return html`<div class="lane anatomy" data-partition=${p.partition}>
      <div class="lane-head">${`P${p.partition} · high watermark ${p.highWatermark} · last stable offset ${p.lastStableOffset}`
        + (producers ? ` · ${producers}` : '')}</div>
      <div class="lane-track"><ol class="cells" tabindex="0" aria-label=${empty ? `P${p.partition}: empty`
        : `P${p.partition}: offsets ${from}–${p.highWatermark - 1}, newest on the right`}>${from > p.logStartOffset
        ? html`<li class="cell elided">${`… ${from - p.logStartOffset} earlier`}</li>` : nothing}${repeat(cells, (c) => c.offset,
        (c) => html`<li class="cell ${c.kind}" data-offset=${c.offset} data-kind=${c.kind} title=${TITLES[c.kind]}><span
          class="offset">${c.offset}</span><span class="key">${LABELS[c.kind]}</span></li>`)}${empty
        ? html`<li class="cell elided">empty</li>` : nothing}</ol>${laneControls()}</div></div>`;
  }

  const producer = (p) => `producer ${p.producerId} epoch ${p.producerEpoch}`;

  function fencing(r) {
    if (!r.before) return 'restarted; the producer it had before was not seen';
    if (!r.after) return `restarted: before it ${producer(r.before)}; waiting to see the new one`;
    const how = r.after.producerId !== r.before.producerId ? 'a new producer id'
      : `the epoch jumped from ${r.before.producerEpoch} to ${r.after.producerEpoch}`;
    return `last restart: ${producer(r.before)} before, ${producer(r.after)} after (${how}): the old producer is fenced `
      + 'and its open transaction became aborted records';
  }

  function transactionList() {
    return html`<ul class="transactions">${repeat(transactions, (t) => t.transactionalId, (t) => {
      const r = restarts.get(t.transactionalId);
      return html`<li data-transactional-id=${t.transactionalId}>${`${t.transactionalId}: ${t.state}, ${producer(t)}`}${r
        ? html`<span class="fencing">${` · ${fencing(r)}`}</span>` : nothing}</li>`;
    })}${transactions.length ? nothing : html`<li class="hint">No transaction is writing to this topic right now.</li>`}
      <li class="hint">The epoch grows at each commit (transactions v2, KIP-890): a high epoch counts transactions, not
      restarts. A restart shows as a new producer id or an epoch jump for the same transactional id.</li></ul>`;
  }

  const subs = [
    connection.subscribe({ subject: 'topic', topic }, state.handlers),
    connection.subscribe({ subject: 'records', topic, isolation: 'read_uncommitted', from: 'end:200' }, remember('read_uncommitted')),
    connection.subscribe({ subject: 'records', topic, isolation: 'read_committed', from: 'end:200' }, remember('read_committed')),
  ];
  return {
    close: () => subs.forEach((s) => s.close()),
    restarted() {
      for (const t of transactions) {
        restarts.set(t.transactionalId, { before: lastSeen.get(t.transactionalId) ?? null, after: null });
      }
      schedule();
    },
  };
}
