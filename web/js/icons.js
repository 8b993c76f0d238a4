// The lab's icons for the browser modules: the same inline SVG shapes as Icons.java draws on the server (IconsTest
// holds them alike), built with createElementNS. A glyph such as ✓ or ▼ needs a font that has it, and falls back to
// whatever the machine has, or a box; a drawn icon does not, and it takes the text's colour (currentColor), so it
// follows the theme. Each is hidden from screen readers: the words beside it, shown or visually hidden, say what it
// means, so neither its colour nor its shape is ever the only signal.

const NS = 'http://www.w3.org/2000/svg';
const ROUND = { fill: 'none', 'stroke-width': '1.8', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' };
const pointer = (d) => [['path', { d, fill: 'currentColor' }]];

/** Each icon's parts: [tag, attributes]. "#fff" is cut out of a filled shape; streamlab.css paints it the page's colour. */
const SHAPES = {
  done: [['circle', { cx: '8', cy: '8', r: '7.5', fill: 'currentColor' }],
    ['path', { d: 'M4.5 8.3l2.3 2.3 4.7-4.9', stroke: '#fff', ...ROUND }]],
  open: [['circle', { cx: '8', cy: '8', r: '6.5', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.6' }]],
  fail: [['circle', { cx: '8', cy: '8', r: '7.5', fill: 'currentColor' }],
    ['path', { d: 'M5.4 5.4l5.2 5.2M10.6 5.4l-5.2 5.2', stroke: '#fff', ...ROUND }]],
  warning: [['path', { d: 'M8 1.8L14.9 14H1.1z', stroke: 'currentColor', ...ROUND, 'stroke-width': '1.5' }],
    ['path', { d: 'M8 6v4', stroke: 'currentColor', ...ROUND }],
    ['circle', { cx: '8', cy: '12.2', r: '1', fill: 'currentColor' }]],
  live: [['circle', { cx: '8', cy: '8', r: '5', fill: 'currentColor' }]],
  down: pointer('M2.5 4.5h11L8 12z'),
  left: pointer('M11.5 2.5v11L4 8z'),
  right: pointer('M4.5 2.5v11L12 8z'),
};

/** A new icon element (class "icon icon-<name>"), hidden from screen readers. */
export function icon(name) {
  const shape = SHAPES[name];
  if (!shape) throw new Error(`no icon called ${name}`);
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('class', `icon icon-${name}`);
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const [tag, attributes] of shape) {
    const part = document.createElementNS(NS, tag);
    for (const [attribute, value] of Object.entries(attributes)) part.setAttribute(attribute, value);
    svg.append(part);
  }
  return svg;
}

/** Words for screen readers only, beside an icon whose meaning no visible word says. */
export function hiddenWords(text) {
  const span = document.createElement('span');
  span.className = 'visually-hidden';
  span.textContent = text;
  return span;
}
