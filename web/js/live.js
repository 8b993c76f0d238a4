// The page's one WebSocket to the lab (/ws), shared by every module on the page (ES modules load once).
// Modules subscribe to subjects; the hub answers with a snapshot, then deltas (state) or batches (records).
// When the connection drops, it reconnects by itself with backoff and subscribes again, which resyncs
// every subject from a fresh snapshot. Listeners hear 'connecting' | 'open' | 'closed'.

const MIN_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 4000;

class Live {
  constructor() {
    this.subscriptions = new Map(); // ref -> { request, handlers, subject }
    this.bySubject = new Map();     // subject key -> Set of refs (several modules may watch one subject)
    this.stateListeners = new Set();
    this.nextRef = 1;
    this.backoff = MIN_BACKOFF_MS;
    this.state = 'connecting';
    this.connect();
  }

  connect() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${location.host}/ws`);
    this.socket = socket;
    this.setState('connecting');
    socket.onopen = () => {
      this.backoff = MIN_BACKOFF_MS;
      this.setState('open');
      this.bySubject.clear();
      for (const [ref, sub] of this.subscriptions) {
        sub.handlers.resync?.();
        sub.failed = false;
        this.send({ ...sub.request, op: 'subscribe', ref });
      }
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.setState('closed', event.reason);
      setTimeout(() => this.connect(), this.backoff);
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    };
  }

  setState(state, reason) {
    this.state = state;
    for (const listener of this.stateListeners) listener(state, reason);
  }

  onState(listener) {
    this.stateListeners.add(listener);
    listener(this.state);
  }

  send(message) {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /**
   * request: { subject: 'cluster'|'status'|'topic'|'group'|'records', topic?, group?, isolation?, from? }
   * handlers: { snapshot(entries, extra), delta(changed, removed), records(list, skipped), problem(text), error(text), resync() }
   * Returns a handle whose close() unsubscribes.
   */
  subscribe(request, handlers) {
    const ref = 'r' + this.nextRef++;
    this.subscriptions.set(ref, { request, handlers, subject: null });
    this.send({ ...request, op: 'subscribe', ref });
    return {
      close: () => {
        const sub = this.subscriptions.get(ref);
        if (!sub) return;
        this.subscriptions.delete(ref);
        const refs = sub.subject && this.bySubject.get(sub.subject);
        if (refs) {
          refs.delete(ref);
          if (refs.size === 0) this.bySubject.delete(sub.subject);
        }
        // By ref, even before the 'subscribed' reply: the hub handles messages in order, so it lets go of what this
        // subscribe holds (a record tail is a consumer and a thread) and keeps the subject for the page's other refs.
        if (!sub.failed) this.send({ op: 'unsubscribe', ref });
      },
    };
  }

  receive(text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch (e) {
      return;
    }
    for (const part of frame.parts || []) {
      if (part.type === 'subscribed') {
        const sub = this.subscriptions.get(part.ref);
        if (sub) {
          sub.subject = part.subject;
          if (!this.bySubject.has(part.subject)) this.bySubject.set(part.subject, new Set());
          this.bySubject.get(part.subject).add(part.ref);
        }
        continue;
      }
      if (part.type === 'error') {
        const sub = part.ref && this.subscriptions.get(part.ref);
        if (part.ref && !sub) continue; // about a subscription this page has closed since
        if (sub) sub.failed = true; // the hub holds nothing for it: nothing to unsubscribe
        if (sub?.handlers.error) sub.handlers.error(part.error);
        else console.warn('lab:', part.error);
        continue;
      }
      for (const ref of this.bySubject.get(part.subject) || []) {
        const h = this.subscriptions.get(ref)?.handlers;
        if (!h) continue;
        if (part.type === 'snapshot') h.snapshot?.(part.entries, part.extra);
        else if (part.type === 'delta') h.delta?.(part.changed, part.removed);
        else if (part.type === 'records') h.records?.(part.records, part.skipped);
        else if (part.type === 'problem') h.problem?.(part.problem);
      }
    }
  }
}

let instance = null;

/** The page's shared connection. */
export function live() {
  if (!instance) instance = new Live();
  return instance;
}

/** A keyed state kept current from snapshot + deltas; onChange runs at most once per animation frame. */
export function keyedState(onChange) {
  const entries = new Map();
  let scheduled = false;
  let extra = null;
  const changed = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      onChange(entries, extra);
    });
  };
  return {
    entries,
    handlers: {
      snapshot(all, snapshotExtra) {
        entries.clear();
        for (const [k, v] of Object.entries(all)) entries.set(k, v);
        extra = snapshotExtra ?? null;
        changed();
      },
      delta(changedEntries, removed) {
        for (const [k, v] of Object.entries(changedEntries)) entries.set(k, v);
        for (const k of removed) entries.delete(k);
        changed();
      },
    },
  };
}
