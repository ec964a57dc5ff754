import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MirrorNotFoundError } from './errors.js';

/** One source of apt's configuration, in either of its two formats. */
export interface AptSource {
  types: string[];
  uris: string[];
  suites: string[];
  components: string[];
  enabled: boolean;
}

/**
 * deb822 `.sources` files (sources.list(5), "DEB822-STYLE FORMAT"): stanzas separated by
 * blank lines, `Field: value` with case-insensitive names, continuation lines start with
 * white space, `#` lines are comments, `Enabled: no` switches a stanza off.
 */
export function parseDeb822Sources(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const stanza of text.split(/\n[ \t]*\n/)) {
    const fields = new Map<string, string>();
    let current: string | undefined;
    for (const line of stanza.split('\n')) {
      if (line.startsWith('#')) continue;
      if (/^[ \t]/.test(line)) {
        if (current !== undefined && line.trim() !== '.') fields.set(current, `${fields.get(current)} ${line.trim()}`);
        continue;
      }
      const match = /^([A-Za-z0-9-]+):(.*)$/.exec(line);
      if (!match) continue;
      current = match[1]!.toLowerCase();
      fields.set(current, match[2]!.trim());
    }
    if (!fields.has('uris')) continue;
    const words = (name: string) => (fields.get(name) ?? '').split(/\s+/).filter(Boolean);
    sources.push({
      types: words('types'),
      uris: words('uris'),
      suites: words('suites'),
      components: words('components'),
      enabled: !/^(no|false|0)$/i.test(fields.get('enabled') ?? 'yes'),
    });
  }
  return sources;
}

/** One-line `sources.list` entries: `deb [option=value …] URI suite component…`. */
export function parseOneLineSources(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    // Options may contain spaces inside the brackets: `[ arch=amd64 signed-by=… ]`.
    const match = /^(\S+)\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!match) continue;
    sources.push({
      types: [match[1]!],
      uris: [match[2]!],
      suites: [match[3]!],
      components: match[4]!.split(/\s+/).filter(Boolean),
      enabled: true,
    });
  }
  return sources;
}

/** The first enabled `deb` source for exactly `suite` with `main`, over a scheme debootstrap can fetch. */
export function pickDebianMirror(sources: readonly AptSource[], suite: string): string | undefined {
  for (const source of sources) {
    if (!source.enabled || !source.types.includes('deb')) continue;
    if (!source.suites.includes(suite) || !source.components.includes('main')) continue;
    const uri = source.uris.find((u) => /^(https?|file):/.test(u));
    if (uri) return uri;
  }
  return undefined;
}

export interface FindMirrorOptions {
  suite: string;
  /** Takes precedence over the apt configuration (from `--mirror` or `SOCKGRADE_DEBIAN_MIRROR`). */
  override?: string | undefined;
  /** @defaultValue `/etc/apt` */
  aptDir?: string;
}

/**
 * The Debian mirror this machine's apt already uses, so that debootstrap talks to the
 * same (allowed) host and no mirror is named in our code. Reads `sources.list`, then
 * `sources.list.d/*.list` and `*.sources`, in apt's order (alphabetical within the folder).
 */
export async function findDebianMirror(opts: FindMirrorOptions): Promise<string> {
  if (opts.override) return opts.override;
  const aptDir = opts.aptDir ?? '/etc/apt';
  const files = [join(aptDir, 'sources.list')];
  const partsDir = join(aptDir, 'sources.list.d');
  const parts = await readdir(partsDir).catch(() => [] as string[]);
  files.push(...parts.filter((f) => f.endsWith('.list') || f.endsWith('.sources')).sort().map((f) => join(partsDir, f)));
  const searched: string[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    searched.push(file);
    const sources = file.endsWith('.sources') ? parseDeb822Sources(text) : parseOneLineSources(text);
    const mirror = pickDebianMirror(sources, opts.suite);
    if (mirror) return mirror;
  }
  throw new MirrorNotFoundError(opts.suite, searched);
}
