// Transaction anatomy of a topic, live: every offset of each partition classified by comparing what a
// read_uncommitted and a read_committed reader see, with the high watermark, last stable offset and the producers
// (id, epoch) the broker reports. An offset neither reader sees below the last stable offset is a control marker
// (a transaction's commit or abort); one only read_uncommitted sees was aborted.
import { keyedState } from './live.js';
import { el } from './dom.js';

const SHOWN = 40;

/** Draws the anatomy of {@code topic} into {@code host}; returns a handle whose close() stops it. */
export function anatomy(connection, topic, host) {
  const seen = { read_uncommitted: new Map(), read_committed: new Map() }; // partition -> Set(offset)
  let partitions = [];
  let transactions = [];
  let scheduled = false;
  const draw = () => {
    scheduled = false;
    host.replaceChildren(...partitions.map(lane), transactionList());
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
    schedule();
  });

  function lane(p) {
    const root = el('div', 'lane anatomy');
    root.dataset.partition = p.partition;
    const producers = p.activeProducers.map((a) => `producer ${a.producerId} epoch ${a.producerEpoch}`
      + (a.currentTransactionStartOffset >= 0 ? ` (open transaction from offset ${a.currentTransactionStartOffset})` : '')).join('; ');
    root.append(el('div', 'lane-head', `P${p.partition} · high watermark ${p.highWatermark} · last stable offset ${p.lastStableOffset}`
      + (producers ? ` · ${producers}` : '')));
    const cells = el('ol', 'cells');
    const from = Math.max(p.logStartOffset, p.highWatermark - SHOWN);
    const uncommitted = seen.read_uncommitted.get(p.partition) || new Set();
    const committed = seen.read_committed.get(p.partition) || new Set();
    for (let offset = from; offset < p.highWatermark; offset++) {
      let kind;
      let label;
      if (offset >= p.lastStableOffset) {
        kind = 'pending';
        label = 'open';
      } else if (committed.has(offset)) {
        kind = 'committed';
        label = 'record';
      } else if (uncommitted.has(offset)) {
        kind = 'aborted';
        label = 'aborted';
      } else {
        kind = 'marker';
        label = 'marker';
      }
      const cell = el('li', `cell ${kind}`);
      cell.dataset.offset = offset;
      cell.dataset.kind = kind;
      cell.append(el('span', 'offset', offset), el('span', 'key', label));
      cell.title = {
        pending: 'in a transaction still open: read_committed readers stop before it',
        committed: 'a committed record: both readers see it',
        aborted: 'written by a transaction that aborted: read_uncommitted sees it, read_committed never will',
        marker: 'a control marker: the commit or abort of a transaction (no reader gets it as a record)',
      }[kind];
      cells.append(cell);
    }
    root.append(cells);
    return root;
  }

  function transactionList() {
    const list = el('ul', 'transactions');
    for (const t of transactions) {
      list.append(el('li', null, `${t.transactionalId}: ${t.state}, producer ${t.producerId} epoch ${t.producerEpoch}`));
    }
    if (!transactions.length) list.append(el('li', 'hint', 'No transaction is writing to this topic right now.'));
    return list;
  }

  const subs = [
    connection.subscribe({ subject: 'topic', topic }, state.handlers),
    connection.subscribe({ subject: 'records', topic, isolation: 'read_uncommitted', from: 'end:200' }, remember('read_uncommitted')),
    connection.subscribe({ subject: 'records', topic, isolation: 'read_committed', from: 'end:200' }, remember('read_committed')),
  ];
  return { close: () => subs.forEach((s) => s.close()) };
}
