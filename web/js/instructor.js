// The instructor's board: one row per learner from the lab's "board" subject, kept by key (lit-html's repeat), so a
// sort button keeps its focus and a selection survives while learners work. Sorting happens here, on the rows the
// page holds; every value from a learner or the quest goes in through text bindings, never as markup.
import { live, keyedState } from './live.js';
import { html, render, repeat, nothing } from './render.js';

const connection = live();
// The server's page carries a static "nothing yet" line for a page without script; lit renders after what is already
// in a container, so that line goes before the first render, or it would show beside the live one.
for (const id of ['most-missed', 'blocking']) document.getElementById(id).replaceChildren();
let rows = [];
let summary = null;
let sort = { column: 'learner', dir: 'ascending' };

const clock = (ms) => new Date(ms).toISOString().slice(11, 19);
const ago = (ms) => {
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  return s < 60 ? `${s} s ago` : s < 3600 ? `${Math.floor(s / 60)} min ago` : `${Math.floor(s / 3600)} h ago`;
};
const passedCount = (row, challenge) => row.requirements.filter((r) => r.challenge === challenge && r.passedAtMs !== null).length;

// Each column: its heading, how a row sorts by it, how its cell reads.
function columns() {
  const first = rows[0];
  const cols = [
    { id: 'learner', title: 'Learner', key: (r) => r.learner.toLowerCase(), cell: (r) => html`<th scope="row">${r.learner}</th>` },
    { id: 'page', title: 'Page', key: (r) => r.page ?? '', cell: (r) => html`<td class="board-page">${r.page ?? '(no page yet)'}</td>` },
    { id: 'activity', title: 'Last activity', key: (r) => r.lastActivityMs ?? 0,
      cell: (r) => html`<td class="board-activity">${r.lastActivityMs ? html`<time datetime=${new Date(r.lastActivityMs).toISOString()}>${clock(r.lastActivityMs)}</time> <span class="hint">(${ago(r.lastActivityMs)})</span>` : 'not seen since the lab started'}</td>` },
  ];
  if (!first) return cols;
  first.chapters.forEach((c, i) => cols.push({ id: `chapter-${c.chapter}`, title: `${c.title}: checks right`,
    key: (r) => r.chapters[i]?.right ?? 0,
    cell: (r) => html`<td class="board-chapter" data-chapter=${c.chapter}>${r.chapters[i].right} of ${r.chapters[i].total}</td>` }));
  const challenges = [...new Set(first.requirements.map((r) => r.challenge))];
  for (const challenge of challenges) {
    cols.push({ id: `challenge-${challenge}`, title: `${challenge} challenge`, key: (r) => passedCount(r, challenge),
      cell: (r) => {
        const reqs = r.requirements.filter((q) => q.challenge === challenge);
        return html`<td class="board-challenge" data-challenge=${challenge}>
          <span class="board-count">${passedCount(r, challenge)} of ${reqs.length} passed</span>
          <ul class="board-requirements">${repeat(reqs, (q) => q.requirement, (q) => html`<li data-requirement=${q.requirement}
            data-passed=${q.passedAtMs !== null ? 'true' : 'false'}><span class="visually-hidden">${q.text}: </span>${q.requirement}: ${q.passedAtMs !== null ? `passed ${clock(q.passedAtMs)}` : 'not yet'}</li>`)}</ul></td>`;
      } });
  }
  cols.push({ id: 'badges', title: 'Badges', key: (r) => r.badges.filter((b) => b.earned).length,
    cell: (r) => {
      const earned = r.badges.filter((b) => b.earned);
      return html`<td class="board-badges">${earned.length ? earned.map((b) => b.title).join(', ') : 'none yet'}</td>`;
    } });
  return cols;
}

function sorted(cols) {
  const col = cols.find((c) => c.id === sort.column) ?? cols[0];
  const sign = sort.dir === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = col.key(a);
    const y = col.key(b);
    const order = x < y ? -1 : x > y ? 1 : 0;
    return order !== 0 ? sign * order : a.learner.localeCompare(b.learner);
  });
}

function sortBy(id) {
  sort = sort.column === id ? { column: id, dir: sort.dir === 'ascending' ? 'descending' : 'ascending' }
    : { column: id, dir: id === 'learner' || id === 'page' ? 'ascending' : 'descending' };
  draw();
}

function draw() {
  const cols = columns();
  render(html`${repeat(cols, (c) => c.id, (c) => html`<th scope="col" aria-sort=${sort.column === c.id ? sort.dir : 'none'}>
    <button type="button" class="sort" data-column=${c.id} @click=${() => sortBy(c.id)}>${c.title}</button></th>`)}`,
  document.getElementById('board-head'));
  render(html`${repeat(sorted(cols), (r) => r.learner, (r) => html`<tr data-learner=${r.learner}>${cols.map((c) => c.cell(r))}</tr>`)}`,
    document.getElementById('board-rows'));
  document.getElementById('board-empty').hidden = rows.length > 0;
  drawSummary();
}

function drawSummary() {
  const missed = summary?.mostMissed ?? [];
  render(missed.length ? html`<ol class="missed">${repeat(missed, (m) => `${m.chapter}/${m.question}`, (m) => html`<li
      data-question=${m.question}><p><strong>${m.prompt}</strong> <span class="hint">(${m.chapter})</span></p>
      <p>${m.wrong} of ${m.answered} who answered it stand on a wrong answer.</p>
      <p class="board-hint">What they read: ${m.explanation}</p></li>`)}</ol>`
    : html`<p class="hint">No wrong answers yet.</p>`, document.getElementById('most-missed'));
  const b = summary?.blocking;
  render(b ? html`<p data-requirement=${b.requirement}><strong>${b.text}</strong> <span class="hint">(${b.challenge} challenge)</span></p>
      <p>${b.notPassed} of ${b.learners} learners have not passed it.</p>
      ${b.hint ? html`<p class="board-hint">The hint they see: ${b.hint}</p>` : nothing}`
    : html`<p class="hint">Nothing blocks anyone yet.</p>`, document.getElementById('blocking'));
}

const board = keyedState((entries) => {
  rows = [...entries].filter(([k]) => k.startsWith('learner/')).map(([, v]) => v);
  summary = entries.get('summary') ?? null;
  draw();
});
// The board's key is in the page, which only the instructor may open once the lab is off loopback.
connection.subscribe({ subject: 'board', session: document.querySelector('.instructor-board').dataset.board }, board.handlers);
// "2 min ago" goes stale while nobody does anything: redraw the words now and then (keyed, so nothing is lost).
setInterval(() => { if (rows.length) draw(); }, 15000);
