// A chapter page's tabs, Lab, Read and Check (ChapterLayout renders them): each has its own URL fragment (#lab,
// #read, #check), so a link or a reload opens the part it names, and back and forward walk the parts visited. A
// fragment naming an element inside a panel (say #knowledge-check) opens that panel and scrolls to it. The arrow
// keys, Home and End move between the tabs, as the ARIA tabs pattern has it.
const list = document.querySelector('.chapter-head [role="tablist"]');
if (list) {
  const tabs = [...list.querySelectorAll('[role="tab"]')];
  const parts = tabs.map((tab) => tab.dataset.part);
  const panel = (tab) => document.getElementById(tab.getAttribute('aria-controls'));

  const show = (part, focus) => {
    for (const tab of tabs) {
      const on = tab.dataset.part === part;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      panel(tab).hidden = !on;
      if (on && focus) tab.focus();
    }
    // Pictures that size themselves to their box measure it again now that it may be shown.
    window.dispatchEvent(new Event('resize'));
  };

  const follow = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    if (parts.includes(id)) {
      show(id, false);
      return;
    }
    const target = id ? document.getElementById(id) : null;
    const inside = target?.closest('[role="tabpanel"]');
    show(inside ? inside.dataset.part : parts[0], false);
    if (inside) target.scrollIntoView();
  };

  const select = (tab) => {
    const hash = `#${tab.dataset.part}`;
    if (location.hash !== hash) history.pushState(null, '', hash);
    show(tab.dataset.part, true);
  };

  list.addEventListener('click', (event) => {
    const tab = event.target.closest('[role="tab"]');
    if (tab) select(tab);
  });
  list.addEventListener('keydown', (event) => {
    const at = tabs.indexOf(document.activeElement);
    if (at < 0) return;
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1 + tabs.length, Home: 0, End: tabs.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    select(tabs[to % tabs.length]);
  });
  window.addEventListener('popstate', follow);
  window.addEventListener('hashchange', follow);
  follow();
}
