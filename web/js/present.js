// The presenter view's keys, for a keyboard or a presentation clicker (which sends PageDown/PageUp, sometimes arrows,
// and B or . for a black screen). The lab's own module (time.js, kafka.js, guarantees.js) draws the lab unchanged;
// this module only adds the room's keys, and on the time lab loads the scenario named in ?scenario= so the same
// keys from the same address always give the same picture.
import { callInOrder, say } from './api.js';
import { $ } from './dom.js';

const lab = document.body.classList.contains('present-time') ? 'time' : 'other';
const query = new URLSearchParams(location.search);
const black = $('present-black');

// Keys in a field or a list are the field's own (typing a key name, choosing a window type), as on the chapter page.
const FIELDS = 'input, select, textarea, [contenteditable]:not([contenteditable="false"]), [role="listbox"], [role="option"], '
  + '[role="combobox"], [role="slider"], [role="spinbutton"]';
const CONTROLS = `${FIELDS}, button, summary, a[href], [role="button"]`;
// A focused lane or log scrolls sideways or down with the arrows: those are its own there.
const SCROLLERS = '.cells, .events, [tabindex="0"]';

// Steps go to the playback in line with every other playback request (the view's buttons and forms too), each
// after the previous one's answer: a clicker pressed three times quickly is three steps in order, never a step
// overtaken by a step back.
async function send(path, body) {
  const result = await callInOrder('POST', path, body);
  if (!result.ok) say($('playback-status'), 'error', result.error);
  return result;
}

// Loading a scenario: step 0, the scenario's own settings. Once it is loaded the address names it, so a reload, or
// Esc to the chapter page, keeps the scenario the instructor chose.
async function load(scenario) {
  const result = await send('/api/playback', { scenario });
  if (result.ok) {
    const url = new URL(location.href);
    url.searchParams.set('scenario', scenario);
    history.replaceState(history.state, '', url);
  }
}

if (lab === 'time') {
  // Opening /present/time?scenario=... loads it afresh. Keys pressed before the load has answered wait for it.
  if (query.get('scenario')) {
    const scenario = query.get('scenario');
    const select = $('scenario-select');
    if ([...select.options].some((o) => o.value === scenario)) select.value = scenario;
    load(scenario);
  }
  // The scenario list's Load, taken before time.js's own handler (on window, capturing) so the address follows it.
  window.addEventListener('submit', (e) => {
    if (e.target.id !== 'scenario-form') return;
    e.preventDefault();
    e.stopImmediatePropagation();
    load($('scenario-select').value);
  }, true);
}

function toggleBlack() {
  black.hidden = !black.hidden;
  document.body.dataset.black = black.hidden ? 'false' : 'true';
}

function fullScreen() {
  if (document.fullscreenElement) document.exitFullscreen?.().catch(() => {});
  else document.documentElement.requestFullscreen?.().catch(() => {}); // refused (no user gesture, headless): stay
}

// Back to the chapter page, keeping the query (?scenario=, ?keep=, and the ?topic= kafka.js keeps up to date).
function leave() {
  location.assign($('present-leave').getAttribute('href') + location.search);
}

// The log and delivery guarantees have no steps: there the clicker's forward and back go a screen down and up
// (the lanes, the groups, the results against the truth, ...), which changes nothing in the lab. A screen less a
// little, so the last lines of one screen are the first of the next and the room keeps its place.
function screen(direction) {
  return () => window.scrollBy({ top: direction * Math.round(window.innerHeight * 0.85), behavior: 'instant' });
}

const FORWARD = ['PageDown', 'ArrowRight', ' '];
const BACK = ['PageUp', 'ArrowLeft'];
const MOVES = lab === 'time'
  ? { forward: () => send('/api/playback/step'), back: () => send('/api/playback/back') }
  : { forward: screen(1), back: screen(-1) };
const STEPS = Object.fromEntries([...FORWARD.map((k) => [k, MOVES.forward]), ...BACK.map((k) => [k, MOVES.back])]);
const VIEW = { b: toggleBlack, B: toggleBlack, '.': toggleBlack, f: fullScreen, F: fullScreen, Escape: leave };

// Listens before the page (capture, on window) and keeps the keys it takes from the lab's own handler: on the
// chapter page Space plays and → steps; here Space steps, and one key press is one step.
window.addEventListener('keydown', (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const target = e.target instanceof Element ? e.target : document.activeElement;
  const take = (action) => {
    e.preventDefault();
    e.stopImmediatePropagation();
    action();
  };
  if (!black.hidden) {
    // The screen is black: B, . or Esc bring the lab back; nothing else changes what the room cannot see.
    if (VIEW[e.key] === toggleBlack || e.key === 'Escape') take(toggleBlack);
    else if (e.key in STEPS || e.key === 'r' || e.key === 'R') take(() => {});
    return;
  }
  if (target?.closest(FIELDS)) {
    if (e.key === 'Escape') take(() => target.blur()); // a second Esc, from the page, leaves
    return;
  }
  if (e.key === ' ' && target?.closest(CONTROLS)) return; // Space presses the focused button, as everywhere
  if (lab !== 'time' && e.key.startsWith('Arrow') && target?.closest(SCROLLERS)) return;
  const action = VIEW[e.key] || STEPS[e.key];
  if (action) take(action);
}, true);
