// Keyed DOM updates for the live pages: lit-html (a kept library, served from its webjar; the version here is the
// one in pom.xml). render() patches only what changed, so a button keeps its identity, its focus and a click in
// progress while live data arrives; repeat() keys list items; svg`` is for templates inside an <svg>. Bound values
// are always text, never markup.
export { html, svg, render, nothing } from '/webjars/lit-html/3.3.1/lit-html.js';
export { repeat } from '/webjars/lit-html/3.3.1/directives/repeat.js';
