/**
 * Judging one received object: was it framed as agreed, is it a pickle we could decode
 * without running code, and is it exactly the object we typed? Each "no" comes with the
 * likely cause: `str(obj)` sent instead of a pickle, the length forgotten or 4 bytes
 * wide, a pickle that would run code, the line pickled as a string.
 */
import { decodeUtf8, quoteBytes } from '../lib/bytes-text.js';
import { decodeLengthPrefix } from '../lib/framing.js';
import type { ReceivedObject } from './object-reference-server.js';
import type { Framing } from './params.js';
import { describeGlobal, type PickleProblem } from './pickle/pickle-problem.js';
import { firstDifference, type PyDifference } from './pickle/py-compare.js';
import { pyRepr } from './pickle/py-repr.js';
import type { PyValue } from './pickle/py-value.js';

export interface ObjectVerdict {
  passed: boolean;
  feedback: string;
}

const PLAIN = 'lists, tuples, dicts, sets, strings, numbers, bytes, True/False/None';

export function judgeObject(object: ReceivedObject, expected: PyValue, literal: string, framing: Framing): ObjectVerdict {
  const framingProblem = explainFraming(object, framing, literal);
  if (framingProblem) return { passed: false, feedback: framingProblem };
  const decoded = object.decoded;
  if (!decoded) return { passed: false, feedback: 'We could not read an object from your connection.' };
  const size = `${object.payload.length} bytes`;
  if (!decoded.ok) return { passed: false, feedback: explainPickleProblem(decoded.problem, object.payload, literal) };
  const protocol = decoded.protocol === null ? 'pickle protocol 0 or 1' : `pickle protocol ${decoded.protocol}`;
  const got = pyRepr(decoded.value);
  const diff = firstDifference(expected, decoded.value);
  const notes: string[] = [];
  if (object.extra > 0) notes.push(`After the pickle came ${object.extra} more bytes; one message should hold exactly one pickle.`);
  if (!diff && notes.length === 0) return { passed: true, feedback: `Our server received a pickle (${protocol}, ${size}) of \`${got}\`: exactly the object we typed.` };
  if (!diff) return { passed: false, feedback: `Our server received a pickle (${protocol}, ${size}) of the right object, \`${got}\`. ${notes.join(' ')}` };
  return { passed: false, feedback: `Our server decoded your pickle (${protocol}, ${size}) to \`${got}\`, but we typed \`${shorten(literal)}\`.\n\n${explainDifference(diff, expected, decoded.value, literal)}` };
}

function explainFraming(object: ReceivedObject, framing: Framing, literal: string): string | null {
  switch (object.frameEnd) {
    case 'complete':
      return null;
    case 'empty':
      return 'Your client connected to our server, but closed the connection without sending anything.';
    case 'timeout':
      return object.raw.length === 0
        ? 'Your client connected to our server, but sent nothing.'
        : `Your client sent ${object.raw.length} bytes (${quoteBytes(object.raw, 24)}) and then nothing more${framing === 'length-prefix' && object.announced !== null ? `, although its length said ${object.announced}` : ''}. Send the whole object with \`sendall()\`.`;
    case 'no-fin':
      return object.decoded?.ok
        ? `Your client sent a complete pickle, but then waited without ending its sending side, so our server could not know that the object was complete (we gave up waiting and answered anyway). With this framing, call \`client_socket.shutdown(socket.SHUT_WR)\` after \`sendall()\`, then read the answer.`
        : null;
    case 'short':
      return `Your client's length said ${object.announced} bytes would follow, but the connection ended after ${object.payload.length}. Send the whole pickle with \`sendall()\` before you close.`;
    case 'too-long':
      return framing === 'length-prefix' ? explainBadPrefix(object.raw, literal) : `Your client sent more than we accept for one object (${object.raw.length} bytes and more).`;
  }
}

/** The first 8 bytes did not make a sensible length: what were they instead? */
export function explainBadPrefix(raw: Buffer, literal: string): string {
  const head = quoteBytes(raw.subarray(0, 8), 8);
  const intro = `The first 8 bytes your client sent, ${head}, should be the pickle's length (big-endian), but as a length they mean ${formatLength(decodeLengthPrefix(raw.subarray(0, 8), 8))} bytes.`;
  if (raw[0] === 0x80 && (raw[1] ?? 9) <= 5) {
    return `${intro} They are the start of a pickle (\`\\x80\` is pickle's first opcode): your client forgot to send the length first. Send \`len(daten).to_bytes(8, "big") + daten\`.`;
  }
  for (const width of [4, 2] as const) {
    if (raw.length >= width && raw.readUIntBE(0, width) === raw.length - width && raw[width] === 0x80) {
      return `${intro} The first ${width} bytes are the right length (${raw.length - width}) — but only ${width} bytes wide${width === 4 ? ' (like `htonl`)' : ' (like `htons`)'}. The length must take exactly 8 bytes: \`len(daten).to_bytes(8, "big")\`.`;
    }
  }
  const text = decodeUtf8(raw);
  if (text !== null && /^[\s\S]*$/.test(text) && /[[{(]/.test(text.slice(0, 2))) {
    return `${intro} They are text: ${quoteBytes(raw, 60)}. ${textCause(text, literal)} Send \`len(daten).to_bytes(8, "big") + daten\` with \`daten = pickle.dumps(objekt)\`.`;
  }
  return `${intro} Send \`len(daten).to_bytes(8, "big") + daten\` with \`daten = pickle.dumps(objekt)\`.`;
}

export function explainPickleProblem(problem: PickleProblem, payload: Buffer, literal: string): string {
  switch (problem.kind) {
    case 'runs-code': {
      if (!problem.global) {
        return `Our server refused your pickle: it contains the opcode \`${problem.opcode}\`, which builds an object by running code when it is unpickled. We did not run anything. Send only plain values: ${PLAIN}.`;
      }
      const { shown, what } = describeGlobal(problem.global);
      return (
        `Our server refused your pickle: unpickling it would call \`${shown}\` (${what}). ` +
        'A pickle can make whoever unpickles it run any code — that is why a program must never unpickle data from someone it does not trust. We did not run anything.\n\n' +
        (problem.global.startsWith('__main__.')
          ? `Your object contains an instance of your own class \`${shown}\`. Send its data as plain values instead, e.g. a dict: ${PLAIN}.`
          : `Send only plain values: ${PLAIN}.`)
      );
    }
    case 'unsupported':
      return `Our server refused your pickle: it contains ${problem.what}. Send only plain values: ${PLAIN}.`;
    case 'limit':
      return problem.what === 'depth'
        ? `Your object is nested more than ${problem.limit} levels deep; we do not accept it.`
        : problem.what === 'int'
          ? `Your object contains an integer of more than ${problem.limit} bytes; we do not accept it.`
          : `Your object is too large: more than ${problem.limit} ${problem.what === 'bytes' ? 'bytes' : 'values'}.`;
    case 'truncated':
      return `Your pickle is incomplete: it ended after ${payload.length} bytes without pickle's end mark (\`.\`, STOP). Send all of \`pickle.dumps(objekt)\` (with \`sendall()\`).`;
    case 'invalid': {
      const text = decodeUtf8(payload);
      if (problem.offset === 0 && text !== null) {
        return `What your client sent is not a pickle but text: ${quoteBytes(payload, 80)}. ${textCause(text, literal)} Send \`pickle.dumps(objekt)\`: those bytes describe the object so that \`pickle.loads()\` can rebuild it.`;
      }
      return `What your client sent is not a valid pickle (${problem.reason}, at byte ${problem.offset}; it starts with ${quoteBytes(payload, 16)}). Send exactly the bytes of \`pickle.dumps(objekt)\`.`;
    }
  }
}

function textCause(text: string, literal: string): string {
  const trimmed = text.trim();
  if (trimmed === literal.trim()) return 'It is exactly the line we typed — or `str(objekt)`, which looks the same: text that shows the object, not a pickle.';
  if (/^[[{]/.test(trimmed) && /"/.test(trimmed) && !/'/.test(trimmed)) return 'It looks like JSON (`json.dumps`), not a pickle.';
  return 'It looks like `str(objekt)`: text that shows the object, not a pickle.';
}

function explainDifference(diff: PyDifference, expected: PyValue, actual: PyValue, literal: string): string {
  if (actual.kind === 'str' && actual.value.trim() === literal.trim()) {
    return 'Your pickle holds the line we typed as one string, not the object it describes. Turn the text into the object first — `objekt = ast.literal_eval(zeile)` (`import ast`) — and pickle that.';
  }
  const at = diff.path ? `At \`objekt${diff.path}\`` : 'The object itself';
  const show = (value: PyValue | undefined): string => (value ? `\`${pyRepr(value, 120)}\` (${value.kind})` : 'nothing');
  switch (diff.kind) {
    case 'type':
      return `${at} we expected ${show(diff.expected)}, your object has ${show(diff.actual)}.${typeHint(diff.expected, diff.actual)}`;
    case 'value':
      return `${at} we expected ${show(diff.expected)}, your object has ${show(diff.actual)}.`;
    case 'length': {
      const want = diff.expected && 'items' in diff.expected ? diff.expected.items.length : 0;
      const have = diff.actual && 'items' in diff.actual ? diff.actual.items.length : 0;
      return `${at}: we expected ${want} elements, your object has ${have}.`;
    }
    case 'missing-key':
      return `${at.replace(/^At /, 'The key ')} is missing in your object.`;
    case 'extra-key':
      return `Your object has a key we did not type: \`${pyRepr(diff.actual as PyValue, 60)}\`.`;
    case 'missing-item':
      return `${at === 'The object itself' ? 'The set' : at} is missing the element \`${pyRepr(diff.expected as PyValue, 60)}\`.`;
    case 'extra-item':
      return `${at === 'The object itself' ? 'The set' : at} has an element we did not type: \`${pyRepr(diff.actual as PyValue, 60)}\`.`;
  }
  return `Expected \`${pyRepr(expected, 80)}\`.`;
}

function typeHint(expected: PyValue | undefined, actual: PyValue | undefined): string {
  if (!expected || !actual) return '';
  if (actual.kind === 'str' && expected.kind !== 'str') return ' Build the object from the line (`ast.literal_eval`) instead of keeping its parts as text.';
  if ((expected.kind === 'tuple' && actual.kind === 'list') || (expected.kind === 'list' && actual.kind === 'tuple')) return ' Lists and tuples are different types; keep the type you read.';
  return '';
}

function formatLength(n: number): string {
  return n === Infinity ? 'more than 2^53' : n.toLocaleString('en-US');
}

function shorten(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
