/**
 * Why a student's pickle was not accepted, as data. `runs-code` is the one that matters
 * most: unpickling would have imported and called something (a class, `os.system`), and
 * the peer refuses it without running anything.
 */

export type PickleProblem =
  /** An opcode that imports or calls code; `global` is what it names, when it names something. */
  | { kind: 'runs-code'; opcode: string; offset: number; global?: string }
  /** A value the assignment does not accept, although it runs no code (a type object, an out-of-band buffer). */
  | { kind: 'unsupported'; what: string; offset: number }
  /** Not a pickle, or a broken one. */
  | { kind: 'invalid'; reason: string; offset: number }
  /** The data ended before the pickle's STOP opcode. */
  | { kind: 'truncated'; offset: number }
  /** Bigger, deeper or longer than the limits allow. */
  | { kind: 'limit'; what: 'bytes' | 'depth' | 'nodes' | 'int'; limit: number; offset: number };

interface KnownGlobal {
  /** How a student knows it, e.g. `os.system`. */
  shown: string;
  what: string;
}

// Pickle writes the module where a function lives: os.system is posix.system on Linux.
const KNOWN: Record<string, KnownGlobal> = {
  'posix.system': { shown: 'os.system', what: 'it runs a shell command' },
  'nt.system': { shown: 'os.system', what: 'it runs a shell command' },
  'os.system': { shown: 'os.system', what: 'it runs a shell command' },
  'posix.popen': { shown: 'os.popen', what: 'it runs a shell command' },
  'os.popen': { shown: 'os.popen', what: 'it runs a shell command' },
  'builtins.eval': { shown: 'eval', what: 'it runs Python code' },
  'builtins.exec': { shown: 'exec', what: 'it runs Python code' },
  'builtins.compile': { shown: 'compile', what: 'it compiles Python code' },
  'builtins.__import__': { shown: '__import__', what: 'it imports any module' },
  'builtins.getattr': { shown: 'getattr', what: 'it reaches any attribute of any object' },
  'builtins.open': { shown: 'open', what: 'it opens files' },
};

/** The global's name as a student knows it, and what calling it would do. */
export function describeGlobal(global: string): { shown: string; what: string } {
  const name = global.replace(/^__builtin__\./, 'builtins.');
  const known = KNOWN[name];
  if (known) return known;
  if (/^(subprocess|os|posix|nt|pty|shutil|socket)\./.test(name)) return { shown: name, what: 'it is a function of a system module' };
  if (name.startsWith('__main__.')) return { shown: name.slice('__main__.'.length), what: 'it is a class or function from your own program' };
  return { shown: name, what: 'unpickling imports it and runs its code' };
}
