// Keyed DOM updates for the live pages: lit-html (a kept library, served from its webjar; the version here is the
// one in pom.xml). render() patches only what changed, so a button keeps its identity, its focus and a click in
// progress while live data arrives; repeat() keys list items; svg`` is for templates inside an <svg>; guard() keeps
// an element made once (an icon from icons.js) instead of a new one at every render. Bound values are always text,
// never markup.
export { html, svg, render, nothing } from '/webjars/lit-html/3.3.1/lit-html.js';
export { repeat } from '/webjars/lit-html/3.3.1/directives/repeat.js';
export { guard } from '/webjars/lit-html/3.3.1/directives/guard.js';
