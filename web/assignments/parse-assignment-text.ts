import { isMap, isSeq, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { IssuePath } from './describe-issue.js';

/** What a file's text holds, and a way back from a path in it to its line. */
export type ParsedText =
  | { ok: true; value: unknown; lineOf(path: IssuePath): number | null }
  | { ok: false; problems: { line: number | null; message: string }[] };

/**
 * YAML, or JSON for `.json` files. JSON must be JSON (JSON.parse decides), but it is read
 * a second time as YAML (JSON is YAML 1.2) for line numbers and because the YAML parser
 * refuses duplicate keys, where JSON.parse silently keeps the last one.
 */
export function parseAssignmentText(text: string, format: 'yaml' | 'json'): ParsedText {
  if (format === 'json') {
    try {
      JSON.parse(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const position = /position (\d+)/.exec(message);
      return { ok: false, problems: [{ line: position ? lineAt(text, Number(position[1])) : null, message: `is not valid JSON: ${message}` }] };
    }
  }
  const lineCounter = new LineCounter();
  // The core schema (YAML 1.2) keeps `2026-12-20T23:59:00+01:00` a string, not a Date.
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, schema: 'core' });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        line: error.linePos?.[0]?.line ?? null,
        message: error.code === 'MULTIPLE_DOCS' ? 'holds more than one YAML document (`---`); write one assignment per file' : firstLine(error.message),
      })),
    };
  }
  return { ok: true, value: doc.toJS({ maxAliasCount: 100 }), lineOf: (path) => lineOf(doc, lineCounter, path) };
}

/** The message without yaml's " at line 3, column 1:" and the code excerpt after it. */
function firstLine(message: string): string {
  return message.replace(/ at line \d+, column \d+:[\s\S]*$/, '').trim();
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** The line of the deepest node on `path` that exists: a missing key points at its parent. */
function lineOf(doc: Document, lineCounter: LineCounter, path: IssuePath): number | null {
  let node: unknown = doc.contents;
  let offset = (doc.contents as { range?: [number, number, number] } | null)?.range?.[0] ?? null;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair) break;
      offset = (isScalar(pair.key) ? pair.key.range?.[0] : undefined) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number' && node.items[part]) {
      node = node.items[part];
      offset = (node as { range?: [number, number, number] }).range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset === null ? null : lineCounter.linePos(offset).line;
}
