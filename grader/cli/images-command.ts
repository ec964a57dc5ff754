import type Dockerode from 'dockerode';
import {
  ensureImages,
  IMAGE_SOURCES,
  isImagePresent,
  isImageSource,
  ON_DEMAND_RUNTIMES,
  resolveImageTags,
  type ImageSource,
  type OnDemandRuntime,
} from '../sandbox/images/index.js';
import type { CliIo } from './cli-io.js';
import { parseCommandLine } from './command-line.js';
import { withSignal } from './with-signal.js';

export interface ImagesCommandDeps {
  docker: Dockerode;
  /** The compiled project (`dist/`). */
  distDir: string;
  /** Read for `SOCKGRADE_IMAGE_SOURCE` and `SOCKGRADE_DEBIAN_MIRROR`. @defaultValue `process.env` */
  env?: Record<string, string | undefined>;
  /** @defaultValue aborted on SIGINT or SIGTERM */
  signal?: AbortSignal;
}

const USAGE = `usage: sockgrade images build [--runtime c|java]… [--source auto|debootstrap|pull] [--mirror URL] [--tmp-dir DIR]
       sockgrade images list [--source auto|debootstrap|pull]

  build   builds the sandbox images that are missing (tags are content hashes: an
          unchanged image is not rebuilt, a changed check rebuilds only the peer layer)
  list    shows the expected tags and whether each is present

  --runtime  also the student image of C (gcc) or Java (OpenJDK 17), always from
             Debian packages with debootstrap; otherwise these are built on the
             first grading that needs one (by the service's worker)

  --source   auto (default): the pull Dockerfiles if python:3.12-slim and node:20-slim
             are already present, else debootstrap; never pulls
             debootstrap: Debian rootfs from this machine's apt mirror (needs root)
             pull: the Dockerfiles, pulling their bases from a registry
             (env SOCKGRADE_IMAGE_SOURCE)
  --mirror   Debian mirror for debootstrap (env SOCKGRADE_DEBIAN_MIRROR;
             default: the bookworm source in /etc/apt)
  --tmp-dir  where the temporary rootfs goes (~350 MB each; not a noexec or
             nodev mount, debootstrap refuses those); default: the OS temp folder
`;

/** `sockgrade images <build|list> …`; `argv` is what follows `images`. Returns the exit code. */
export async function imagesCommand(argv: string[], io: CliIo, deps: ImagesCommandDeps): Promise<number> {
  const env = deps.env ?? process.env;
  const parsed = parseCommandLine(
    argv,
    {
      source: { type: 'string' },
      mirror: { type: 'string' },
      'tmp-dir': { type: 'string' },
      runtime: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
    io,
  );
  if (parsed === null) return 2;
  if (parsed === 'help') return 0;
  const [sub, ...extra] = parsed.positionals;
  const source = parsed.values.source ?? env.SOCKGRADE_IMAGE_SOURCE ?? 'auto';
  if (!isImageSource(source)) {
    io.stderr(`unknown image source \`${source}\`: use one of ${IMAGE_SOURCES.join(', ')}\n`);
    return 2;
  }
  if ((sub !== 'build' && sub !== 'list') || extra.length > 0) {
    io.stderr(USAGE);
    return 2;
  }
  const runtimes = parsed.values.runtime ?? [];
  const unknown = runtimes.find((runtime) => !(ON_DEMAND_RUNTIMES as readonly string[]).includes(runtime));
  if (unknown !== undefined) {
    io.stderr(`unknown runtime \`${unknown}\`: use ${ON_DEMAND_RUNTIMES.join(' or ')} (Python's image is always built)\n`);
    return 2;
  }
  const mirror = parsed.values.mirror ?? (env.SOCKGRADE_DEBIAN_MIRROR || undefined);
  return withSignal(deps.signal, async (signal) => {
    try {
      if (sub === 'list') return await list(io, deps, source);
      const started = Date.now();
      const result = await ensureImages({
        docker: deps.docker,
        distDir: deps.distDir,
        source,
        mirror,
        tmpDir: parsed.values['tmp-dir'],
        runtimes: runtimes as OnDemandRuntime[],
        signal,
        log: (line) => io.stdout(`${line}\n`),
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      io.stdout(`student: ${result.studentPython}\npeer:    ${result.peer}\n`);
      for (const runtime of runtimes as OnDemandRuntime[]) io.stdout(`${`${runtime}:`.padEnd(9)}${result.onDemand[runtime]}\n`);
      io.stdout(`${result.built.length === 0 ? 'nothing to build' : `built ${result.built.length}`} (${seconds} s)\n`);
      return 0;
    } catch (error) {
      if (signal.aborted) {
        io.stderr('aborted\n');
        return 130;
      }
      const code = (error as { code?: unknown }).code;
      io.stderr(`error${typeof code === 'string' ? ` [${code}]` : ''}: ${(error as Error).message}\n`);
      return 1;
    }
  });
}

async function list(io: CliIo, deps: ImagesCommandDeps, source: ImageSource): Promise<number> {
  const tags = await resolveImageTags({ distDir: deps.distDir, source, docker: deps.docker });
  io.stdout(`recipe: ${tags.recipe} (source ${source})\n`);
  for (const tag of [tags.studentPython, tags.peerBase, tags.peer]) {
    if (tag === null) continue;
    const present = await isImagePresent(deps.docker, tag);
    io.stdout(`${tag.padEnd(40)} ${present ? 'present' : 'missing'}\n`);
  }
  for (const runtime of ON_DEMAND_RUNTIMES) {
    const tag = tags.onDemand[runtime];
    const present = await isImagePresent(deps.docker, tag);
    io.stdout(`${tag.padEnd(40)} ${present ? 'present' : `missing (built on demand, or: images build --runtime ${runtime})`}\n`);
  }
  return 0;
}
