// Building the page without markup: every text goes in through text nodes, so a name,
// a file name or a program's output full of `<script>` stays text (issue #9).

/**
 * `h('a', {href: '/x', class: 'y', onclick: fn}, 'text', child)`: an element.
 * Attributes: `class`, `dataset` (object), `on<event>` (listener), booleans (set when
 * true, left out when false), anything else through setAttribute. Children: nodes,
 * strings and numbers (as text nodes), arrays (flattened), null/undefined/false (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, ...children);
  return el;
}

/** The same for SVG (the score chart): elements in the SVG namespace. */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttrs(el, attrs);
  append(el, ...children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'value' && 'value' in el) el.value = value;
    else el.setAttribute(name === 'className' ? 'class' : name, value === true ? '' : String(value));
  }
}

/** Appends children as `h` takes them; text only ever as text nodes. */
export function append(el, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces an element's content (same child rules as `h`). */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, ...children);
}

/**
 * The ONE place markup from the server enters the page: the exercise sheet, rendered by
 * the server with markdown-it (`html: false`, so raw HTML in the Markdown is escaped;
 * links only http(s)/mailto). Never pass it anything else: no student text, no output.
 */
export function trustedHtml(el, html) {
  el.innerHTML = html;
  return el;
}
