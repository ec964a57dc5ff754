/**
 * The languages a student may write in, defined once (issue #14): which image runs the
 * program, the entry file per role, how it is built and how it is started. Assignment
 * definitions take a {@link RuntimeRef} from {@link runtimeRef} instead of spelling the
 * command out. Plain data, `node:`-free even: the peer image imports this too.
 */
import type { AssignmentDefinition, RuntimeBuild, RuntimeId, RuntimeRef } from './types.js';

export type { RuntimeBuild, RuntimeId, RuntimeRef } from './types.js';

export const RUNTIME_IDS: readonly RuntimeId[] = ['python', 'c', 'java'];

/**
 * Where the build writes its output: a folder of the submission volume, made by the
 * grader and owned by the unprivileged user (the rest of the volume is read-only to the
 * program). Not under `/work` or `/tmp`: those are `noexec` tmpfs mounts.
 */
export const BUILD_DIR = '/submission/.sockgrade-build';
/** {@link BUILD_DIR} relative to the submission volume. */
export const BUILD_FOLDER = '.sockgrade-build';

const MiB = 1024 * 1024;

/**
 * JVM flags for a small container: the heap a share of the container's memory limit (the
 * JVM reads the cgroup limit), one GC thread, the C1 compiler only (start-up in well under
 * a second instead of two), small thread stacks (a server with a thread per client), no
 * perf-data file in /tmp.
 */
const JVM_FLAGS = ['-XX:MaxRAMPercentage=60', '-Xss512k', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-XX:-UsePerfData'];

/** gcc's argv; `"$@"` (the sources) goes before `-lm`, the last. */
const GCC_ARGV = ['gcc', '-Wall', '-O2', '-pthread', '-o', `${BUILD_DIR}/program`, '-lm'];

/**
 * `sh -c` script, `$1` the entry (our own name, `server.c`): the entry first, then the
 * other `.c` files in the shell's (sorted) order, each as `./name` so a file named like an
 * option (`-o.c`) stays a file. Leaves out the other role's entry (`server.c`, `client.c`).
 */
const C_BUILD_SCRIPT = [
  'entry=$1; set -- "$entry"',
  'for f in *.c; do case $f in "$entry"|server.c|client.c) ;; *) [ -f "$f" ] && set -- "$@" "./$f" ;; esac; done',
  `exec ${GCC_ARGV.slice(0, -1).join(' ')} "$@" -lm`,
].join('\n');

export interface RuntimeDefinition {
  id: RuntimeId;
  /** For people: in hints and the build's report. */
  name: string;
  /** The entry file the student hands in, by role. */
  entries: { server: string; client: string };
  ref: RuntimeRef;
}

export const RUNTIMES: Readonly<Record<RuntimeId, RuntimeDefinition>> = {
  python: {
    id: 'python',
    name: 'Python',
    entries: { server: 'server.py', client: 'client.py' },
    ref: { id: 'python', image: 'python', command: ['python3', '{entry}'] },
  },
  c: {
    id: 'c',
    name: 'C',
    entries: { server: 'server.c', client: 'client.c' },
    ref: {
      id: 'c',
      image: 'c',
      command: [`${BUILD_DIR}/program`],
      build: {
        // The entry, then every other `.c` file of the top folder (a program split into
        // server.c + util.c), but not the other role's entry: `client.c` beside `server.c` has
        // its own main(). A shell gathers them, as only the build container sees the files.
        // -Wall: warnings are shown, never penalised; -pthread and -lm for the course's usual headers.
        command: ['sh', '-c', C_BUILD_SCRIPT, 'sh', '{entry}'],
        shownCommand: [...GCC_ARGV.slice(0, -1), '{entry}', '(other .c files)', '-lm'],
        compiler: 'gcc',
        timeoutMs: 30_000,
        outputBytes: 64 * 1024,
        memoryBytes: 512 * MiB,
      },
    },
  },
  java: {
    id: 'java',
    name: 'Java',
    entries: { server: 'Server.java', client: 'Client.java' },
    ref: {
      id: 'java',
      image: 'java',
      command: ['java', ...JVM_FLAGS, '-Dfile.encoding=UTF-8', '-cp', BUILD_DIR, '{main}'],
      build: {
        // -sourcepath .: other classes of the submission are compiled as the entry uses them.
        command: ['javac', ...JVM_FLAGS.map((flag) => `-J${flag}`), '-encoding', 'UTF-8', '-d', BUILD_DIR, '-sourcepath', '.', '{entry}'],
        compiler: 'javac',
        timeoutMs: 60_000,
        outputBytes: 64 * 1024,
        memoryBytes: 512 * MiB,
      },
    },
  },
};

/** A fresh copy of a runtime's reference, for an assignment definition. */
export function runtimeRef(id: RuntimeId): RuntimeRef {
  return structuredClone(RUNTIMES[id].ref);
}

export function isRuntimeId(value: unknown): value is RuntimeId {
  return typeof value === 'string' && (RUNTIME_IDS as readonly string[]).includes(value);
}

/** The runtime of a reference: its `id`, or (older job payloads) its image key. */
export function runtimeIdOf(ref: RuntimeRef): RuntimeId | undefined {
  const id = ref.id ?? ref.image;
  return isRuntimeId(id) ? id : undefined;
}

/** Every entry file name an assignment accepts, its own first. */
export function acceptedEntries(assignment: Pick<AssignmentDefinition, 'entry' | 'role' | 'otherRuntimes'>): string[] {
  const names = [assignment.entry, ...(assignment.otherRuntimes ?? []).map((id) => RUNTIMES[id].entries[assignment.role])];
  return [...new Set(names)];
}

/**
 * The assignment as it grades these files: its own runtime when its entry file is there,
 * else the first of its `otherRuntimes` whose entry file is (`server.c` → C). Unchanged
 * when none is: the missing-entry verdict then names every accepted file.
 */
export function runtimeForFiles<A extends Pick<AssignmentDefinition, 'entry' | 'role' | 'runtime' | 'otherRuntimes'>>(
  assignment: A,
  fileNames: Iterable<string>,
): A {
  const names = new Set(fileNames);
  if (names.has(assignment.entry)) return assignment;
  for (const id of assignment.otherRuntimes ?? []) {
    const entry = RUNTIMES[id].entries[assignment.role];
    if (names.has(entry)) return { ...assignment, entry, runtime: runtimeRef(id) };
  }
  return assignment;
}

/** `Server.java` → `Server`: the class `java` starts. */
export function mainClassOf(entry: string): string {
  return entry.replace(/\.[^./]*$/, '').replaceAll('/', '.');
}
