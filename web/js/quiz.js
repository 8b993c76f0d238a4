// Chapter questions: sends the picked option, shows the explanation the lab answers with, and marks quick wins.
// Every text goes in with textContent.
import { call } from './api.js';
import { icon } from './icons.js';

for (const form of document.querySelectorAll('form.question')) {
  const chapter = form.closest('[data-chapter]').dataset.chapter;
  const feedback = form.querySelector('.feedback');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const picked = form.querySelector('input[type=radio]:checked');
    if (!picked) {
      feedback.dataset.kind = 'error';
      feedback.textContent = 'Pick an answer first.';
      return;
    }
    const result = await call('POST',
      `/api/chapters/${encodeURIComponent(chapter)}/questions/${encodeURIComponent(form.dataset.question)}/answer`,
      { option: Number(picked.value) });
    if (!result.ok) {
      feedback.dataset.kind = 'error';
      feedback.textContent = result.error;
      return;
    }
    const answer = result.body;
    feedback.dataset.kind = answer.correct ? 'ok' : 'error';
    feedback.textContent = (answer.correct ? 'Right. ' : 'Not quite. ') + answer.explanation;
    form.dataset.answered = answer.correct ? 'right' : 'wrong';
    for (const win of document.querySelectorAll('.quick-wins li')) {
      const earned = answer.quickWins.includes(win.id.replace(/^quickwin-/, ''));
      win.dataset.earned = String(earned);
      win.className = earned ? 'earned' : 'open';
      win.querySelector('.state').replaceChildren(icon(earned ? 'done' : 'open'), earned ? ' earned' : ' not yet');
    }
  });
}
