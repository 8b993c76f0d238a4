// Partition lanes that scroll inside their column and follow the newest record. A lane's track (.cells) scrolls
// sideways; while the person has not scrolled away from its right edge it stays there as records arrive. Once they
// scroll back it stops following (the offsets they look at stay put) and a "follow newest" button brings it back.
// A marked cell (.cell.next: the watched group's committed offset) that is scrolled out of sight is pointed at by a
// marker pinned at that edge (an arrow and "lag N", the arrow's way also in words for screen readers), which
// scrolls to it when clicked.
// Works on lanes drawn by lit-html (render.js): the track elements persist between frames, so their scroll
// position and focus do too; this module only reads and sets scroll positions and its own controls' content.
import { html, guard } from './render.js';
import { icon, hiddenWords } from './icons.js';

const EDGE = 4; // px: at the right edge within this, the lane counts as following

/** The part of a lane the templates draw around its cells: the pinned markers and the follow button. */
export const laneControls = () => html`<button type="button" class="lane-edge lane-edge-start" hidden
  title="the group's committed offset is further left: show it"></button><button type="button"
  class="lane-edge lane-edge-end" hidden title="the group's committed offset is further right: show it"></button><button
  type="button" class="lane-follow" hidden title="scroll to the newest record and keep following it">follow newest ${guard([], () => icon('right'))}</button>`;

/**
 * Keeps the lanes under {@code host} scrolled: call {@code before()} just before each render and {@code after()}
 * just after it. Returns the handle.
 */
export function scrollingLanes(host) {
  const stopped = new WeakSet(); // tracks the person scrolled away from the newest record
  const anchors = new Map();

  const tracks = () => host.querySelectorAll('.lane .cells');
  const atEnd = (t) => t.scrollLeft + t.clientWidth >= t.scrollWidth - EDGE;

  function follow(track) {
    stopped.delete(track);
    track.scrollLeft = track.scrollWidth;
  }

  /** Points at the committed cell when it is out of sight, and offers to follow when not following. */
  function mark(track) {
    const lane = track.closest('.lane');
    const start = lane.querySelector('.lane-edge-start');
    const end = lane.querySelector('.lane-edge-end');
    const followButton = lane.querySelector('.lane-follow');
    if (followButton) followButton.hidden = !stopped.has(track);
    if (!start || !end) return;
    const next = track.querySelector('.cell.next');
    let side = null;
    if (next) {
      const box = track.getBoundingClientRect();
      const cell = next.getBoundingClientRect();
      if (cell.right <= box.left + 1) side = 'start';
      else if (cell.left >= box.right - 1) side = 'end';
    }
    const lag = next?.dataset.lag ?? '';
    show(start, side === 'start', lag, 'left');
    show(end, side === 'end', lag, 'right');
  }

  function show(button, visible, lag, way) {
    if (button.hidden === !visible && (!visible || button.dataset.shown === lag)) return;
    button.hidden = !visible;
    if (!visible) return;
    button.dataset.shown = lag;
    const words = [`lag ${lag}`, hiddenWords(` (committed offset to the ${way})`)];
    button.replaceChildren(...(way === 'left' ? [icon('left'), ...words] : [...words, icon('right')]));
  }

  // Scroll events do not bubble: listen in the capture phase, for every track, present and future.
  host.addEventListener('scroll', (e) => {
    const track = e.target;
    if (!(track instanceof Element) || !track.matches('.cells')) return;
    if (atEnd(track)) stopped.delete(track);
    else stopped.add(track);
    mark(track);
  }, true);

  host.addEventListener('click', (e) => {
    const button = e.target.closest('.lane-edge, .lane-follow');
    if (!button || !host.contains(button)) return;
    const track = button.closest('.lane').querySelector('.cells');
    if (button.classList.contains('lane-follow')) {
      follow(track);
    } else {
      const next = track.querySelector('.cell.next');
      if (next) {
        stopped.add(track);
        track.scrollLeft = next.offsetLeft - track.offsetLeft - track.clientWidth / 2 + next.offsetWidth / 2;
      }
    }
    mark(track);
  });

  return {
    /** Notes, for each lane not following, which offset is at its left edge, to keep it there. */
    before() {
      anchors.clear();
      for (const track of tracks()) {
        if (!stopped.has(track)) continue;
        const left = track.getBoundingClientRect().left;
        const first = [...track.children].find((c) => c.dataset.offset !== undefined
          && c.getBoundingClientRect().right > left);
        if (first) anchors.set(track, { offset: first.dataset.offset, x: first.getBoundingClientRect().left - left });
      }
    },
    /** Follows the newest record where following, keeps the anchored offset in place elsewhere; updates markers. */
    after() {
      for (const track of tracks()) {
        if (!stopped.has(track)) {
          // Only when not there yet: a lane whose window slid keeps its width, and a write would cost a scroll event.
          if (!atEnd(track)) track.scrollLeft = track.scrollWidth;
        } else {
          const anchor = anchors.get(track);
          const cell = anchor && track.querySelector(`:scope > [data-offset="${anchor.offset}"]`);
          if (cell) track.scrollLeft += cell.getBoundingClientRect().left - track.getBoundingClientRect().left - anchor.x;
        }
        mark(track);
      }
    },
  };
}
