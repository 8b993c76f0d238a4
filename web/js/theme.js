// The light or dark theme, before the page is drawn: the learner's choice from the header's switch (kept in
// localStorage), else the system's setting, followed live. Loaded as a classic script in <head>, not a module:
// a module runs only once the page is parsed, after a first paint in the wrong theme.
(() => {
  const KEY = 'streamlab-theme';
  const root = document.documentElement;
  const system = matchMedia('(prefers-color-scheme: dark)');
  let choice = null; // when localStorage is refused, the choice lasts for this page
  const stored = () => {
    try {
      const value = localStorage.getItem(KEY);
      return value === 'light' || value === 'dark' ? value : choice;
    } catch {
      return choice;
    }
  };
  const apply = () => {
    const theme = stored() || (system.matches ? 'dark' : 'light');
    root.dataset.theme = theme;
    document.getElementById('theme-switch')?.setAttribute('aria-pressed', String(theme === 'dark'));
  };
  apply();
  system.addEventListener('change', apply);
  document.addEventListener('DOMContentLoaded', () => {
    const button = document.getElementById('theme-switch');
    if (!button) return;
    button.addEventListener('click', () => {
      choice = root.dataset.theme === 'dark' ? 'light' : 'dark';
      try {
        localStorage.setItem(KEY, choice);
      } catch {
        // private mode: the choice holds until the next page
      }
      apply();
    });
    button.hidden = false; // without this script the button could do nothing, so it stays hidden
    apply();
  });
})();
