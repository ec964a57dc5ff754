/**
 * A small, strict XML 1.0 reader for tests (no npm dependency): well-formedness (one root,
 * matching tags, quoted attributes, no duplicate attribute, known entities only, no
 * character XML forbids, nothing after the root), and a check of JUnit reports against
 * the rules of Jenkins' junit-10.xsd (which elements where, required and allowed attributes).
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The character data directly inside, entities resolved. */
  text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function decode(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`raw < in ${where}`);
  return raw.replace(/&([^;]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new Error(`unterminated reference in ${where}: ${whole}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[ref] !== undefined) return named[ref]!;
    const code = /^#x[0-9a-fA-F]+$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]+$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
    if (Number.isNaN(code)) throw new Error(`unknown entity &${ref}; in ${where}`);
    const char = String.fromCodePoint(code);
    if (FORBIDDEN.test(char) || code === 0) throw new Error(`reference to a character XML forbids (&${ref};) in ${where}`);
    return char;
  });
}

export function parseXml(xml: string): XmlElement {
  const bad = FORBIDDEN.exec(xml);
  if (bad) throw new Error(`character U+${bad[0].charCodeAt(0).toString(16)} is not allowed in XML 1.0 (at ${bad.index})`);
  let at = 0;
  const rest = () => xml.slice(at);
  if (rest().startsWith('<?xml')) {
    const end = xml.indexOf('?>', at);
    if (!/^<\?xml version="1\.0"( encoding="UTF-8")?\?>$/.test(xml.slice(at, end + 2))) throw new Error('bad XML declaration');
    at = end + 2;
  }
  const skipSpace = () => {
    while (/^\s/.test(rest())) at++;
  };
  const element = (): XmlElement => {
    if (xml[at] !== '<') throw new Error(`expected < at ${at}`);
    at++;
    const name = NAME.exec(rest())?.[0];
    if (!name) throw new Error(`bad element name at ${at}`);
    at += name.length;
    const node: XmlElement = { name, attrs: {}, children: [], text: '' };
    for (;;) {
      const space = /^\s*/.exec(rest())![0];
      at += space.length;
      if (rest().startsWith('/>')) {
        at += 2;
        return node;
      }
      if (xml[at] === '>') {
        at++;
        break;
      }
      if (!space) throw new Error(`expected space before attribute at ${at}`);
      const attr = /^([A-Za-z_:][-A-Za-z0-9_:.]*)="([^"]*)"/.exec(rest());
      if (!attr) throw new Error(`bad attribute in <${name}> at ${at}: ${rest().slice(0, 40)}`);
      if (Object.hasOwn(node.attrs, attr[1]!)) throw new Error(`duplicate attribute ${attr[1]} in <${name}>`);
      node.attrs[attr[1]!] = decode(attr[2]!, `<${name} ${attr[1]}>`);
      at += attr[0].length;
    }
    for (;;) {
      const next = xml.indexOf('<', at);
      if (next < 0) throw new Error(`<${name}> is not closed`);
      node.text += decode(xml.slice(at, next), `<${name}>`);
      at = next;
      if (rest().startsWith(`</`)) {
        const close = new RegExp(`^</${name}\\s*>`).exec(rest());
        if (!close) throw new Error(`</${name}> expected at ${at}: ${rest().slice(0, 30)}`);
        at += close[0].length;
        return node;
      }
      node.children.push(element());
    }
  };
  skipSpace();
  const root = element();
  skipSpace();
  if (at !== xml.length) throw new Error(`content after the root element at ${at}`);
  return root;
}

/** Elements, their allowed children and attributes in Jenkins' junit-10.xsd (required ones marked with `!`). */
const JUNIT_10: Record<string, { children: string[]; attrs: string[]; text?: boolean }> = {
  testsuites: { children: ['testsuite'], attrs: ['name', 'time', 'tests', 'failures', 'errors'] },
  testsuite: {
    children: ['testsuite', 'properties', 'testcase', 'system-out', 'system-err'],
    attrs: ['name!', 'tests!', 'failures!', 'errors!', 'group', 'time', 'skipped', 'timestamp', 'hostname', 'id', 'package', 'file', 'log', 'url'],
  },
  properties: { children: ['property'], attrs: [] },
  property: { children: [], attrs: ['name!', 'value!'] },
  testcase: {
    children: ['skipped', 'error', 'failure', 'rerunFailure', 'rerunError', 'flakyFailure', 'flakyError', 'system-out', 'system-err'],
    attrs: ['name!', 'time', 'classname', 'group'],
  },
  failure: { children: [], attrs: ['type', 'message'], text: true },
  error: { children: [], attrs: ['type', 'message'], text: true },
  skipped: { children: [], attrs: ['type', 'message'], text: true },
  'system-out': { children: [], attrs: [], text: true },
  'system-err': { children: [], attrs: [], text: true },
};

/** `SUREFIRE_TIME` of junit-10.xsd. */
const SUREFIRE_TIME = /^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?$/;

/** Throws with the first way `root` breaks junit-10.xsd. */
export function checkJunit10(root: XmlElement): void {
  if (root.name !== 'testsuites' && root.name !== 'testsuite') throw new Error(`root <${root.name}> is not a JUnit report`);
  const visit = (node: XmlElement) => {
    const rule = JUNIT_10[node.name];
    if (!rule) throw new Error(`<${node.name}> is not in junit-10.xsd`);
    for (const attr of Object.keys(node.attrs)) {
      if (!rule.attrs.includes(attr) && !rule.attrs.includes(`${attr}!`)) throw new Error(`<${node.name}> may not have ${attr}=`);
    }
    for (const attr of rule.attrs.filter((a) => a.endsWith('!'))) {
      if (node.attrs[attr.slice(0, -1)] === undefined) throw new Error(`<${node.name}> lacks ${attr.slice(0, -1)}=`);
    }
    if ((node.name === 'testsuite' || node.name === 'testsuites') && node.attrs.time !== undefined && !SUREFIRE_TIME.test(node.attrs.time)) {
      throw new Error(`<${node.name} time="${node.attrs.time}"> is not a SUREFIRE_TIME`);
    }
    if (!rule.text && node.text.trim() !== '') throw new Error(`<${node.name}> may not contain text`);
    for (const child of node.children) {
      if (!rule.children.includes(child.name)) throw new Error(`<${child.name}> may not be inside <${node.name}>`);
      visit(child);
    }
  };
  visit(root);
}

export const childrenNamed = (node: XmlElement, name: string) => node.children.filter((child) => child.name === name);
