// A challenge page: language tabs and copy buttons for the starter code, the helper buttons (e.g. inject a late
// event) and "Check my work", which shows one line per requirement with its evidence and, when failing, its hint.
// Every text from the lab goes in with textContent.
import { call, say } from './api.js';
import { $, el } from './dom.js';
import { icon } from './icons.js';

for (const tabs of document.querySelectorAll('.code-tabs')) {
  const buttons = [...tabs.querySelectorAll('[role=tab]')];
  const panels = [...tabs.querySelectorAll('[role=tabpanel]')];
  const select = (index) => {
    buttons.forEach((b, i) => b.setAttribute('aria-selected', String(i === index)));
    panels.forEach((p, i) => { p.hidden = i !== index; });
  };
  buttons.forEach((button, i) => button.addEventListener('click', () => select(i)));
  tabs.addEventListener('keydown', (event) => {
    const current = buttons.indexOf(document.activeElement);
    if (current < 0 || (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft')) return;
    const next = (current + (event.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length;
    buttons[next].focus();
    select(next);
  });
}

for (const copy of document.querySelectorAll('button.copy')) {
  copy.addEventListener('click', async () => {
    const text = copy.closest('.panel').querySelector('pre').textContent;
    try {
      await navigator.clipboard.writeText(text);
      copy.textContent = 'Copied';
    } catch (e) {
      copy.textContent = 'Select and copy by hand';
    }
    setTimeout(() => { copy.textContent = 'Copy'; }, 2000);
  });
}

const form = $('check-form');
const challenge = form.dataset.challenge;

function names() {
  const body = {};
  for (const input of form.querySelectorAll('input[name]')) {
    if (input.value.trim()) body[input.name] = input.value.trim();
  }
  return body;
}

function updateCli(body) {
  const cli = $('check-cli');
  let text = `java -jar target/streamlab.jar validate ${challenge}${cli.dataset.labOption || ''}`;
  for (const [name, value] of Object.entries(body)) text += ` --${name} ${value}`;
  cli.textContent = text;
}

form.addEventListener('input', () => updateCli(names()));

function line(result) {
  const item = el('li', result.passed ? 'pass' : 'fail');
  item.dataset.requirement = result.requirement;
  item.dataset.passed = String(result.passed);
  const verdict = el('span', 'verdict');
  verdict.append(icon(result.passed ? 'done' : 'fail'), result.passed ? ' pass' : ' fail');
  item.append(verdict, el('span', 'text', ` ${result.text}`));
  if (result.evidence.length) {
    const evidence = el('ul', 'evidence');
    for (const seen of result.evidence) evidence.append(el('li', null, seen));
    item.append(evidence);
  }
  if (!result.passed && result.hint) item.append(el('p', 'check-hint', `Hint: ${result.hint}`));
  return item;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = $('check-button');
  const summary = $('check-summary');
  const list = $('check-results');
  button.disabled = true;
  say(summary, 'info', 'Looking at the broker…');
  const result = await call('POST', `/api/challenges/${encodeURIComponent(challenge)}/check`, names());
  button.disabled = false;
  if (!result.ok) {
    say(summary, 'error', result.error);
    return;
  }
  const report = result.body;
  list.replaceChildren(...report.results.map(line));
  const passed = report.results.filter((r) => r.passed).length;
  say(summary, report.passed ? 'ok' : 'error', report.passed
    ? `All ${passed} requirements pass. Well done!`
    : `${passed} of ${report.results.length} requirements pass.`);
  for (const r of report.results) {
    const requirement = $(`requirement-${r.requirement}`);
    if (requirement && r.passed && requirement.dataset.passed !== 'true') {
      requirement.dataset.passed = 'true';
      requirement.querySelector('.passed-state').replaceChildren(' · ', icon('done'), ' passed just now');
    }
  }
});

for (const button of document.querySelectorAll('button.page-action')) {
  button.addEventListener('click', async () => {
    const out = $(`action-${button.dataset.action}-result`);
    button.disabled = true;
    const result = await call('POST',
      `/api/challenges/${encodeURIComponent(challenge)}/actions/${encodeURIComponent(button.dataset.action)}`, names());
    button.disabled = false;
    if (!result.ok) {
      say(out, 'error', result.error);
      return;
    }
    say(out, 'ok', result.body.message);
  });
}
