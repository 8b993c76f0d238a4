// The home page's progress panel: switch learner (a cookie the lab sets), tick self-confirmed items, reset, and
// hide the notice that saved progress could not be read (the lab forgets it then, so it is said once).
// The page is rendered by the server, so after a change it simply reloads; messages go in with textContent.
import { call, say } from './api.js';
import { $ } from './dom.js';

const learnerForm = $('learner-form');
if (learnerForm) {
  learnerForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = $('learner-input').value.trim();
    const result = await call('POST', '/api/learner', { name });
    if (!result.ok) {
      say($('learner-message'), 'error', result.error);
      return;
    }
    location.reload();
  });
}

for (const box of document.querySelectorAll('input.self-mark')) {
  box.addEventListener('change', async () => {
    const result = await call('POST', `/api/progress/marks/${encodeURIComponent(box.dataset.mark)}`, { done: box.checked });
    if (!result.ok) {
      box.checked = !box.checked;
      say($('reset-message'), 'error', result.error);
      return;
    }
    location.reload();
  });
}

const reset = $('reset-progress');
if (reset) {
  reset.addEventListener('click', async () => {
    const who = $('progress').dataset.learner;
    if (!confirm(`Forget every answer and passed check of ${who}? This cannot be undone.`)) return;
    const result = await call('POST', '/api/progress/reset');
    if (!result.ok) {
      say($('reset-message'), 'error', result.error);
      return;
    }
    location.reload();
  });
}

const dismiss = $('dismiss-progress-notice');
if (dismiss) {
  dismiss.addEventListener('click', async () => {
    const result = await call('POST', '/api/progress/notice/dismiss');
    if (!result.ok) {
      say($('progress-notice-message'), 'error', result.error);
      return;
    }
    $('progress-notice').remove();
  });
}
