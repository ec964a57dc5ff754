/**
 * The image a Dockerfile builds on: its first `FROM`, with `${ARG}` / `$ARG` replaced from
 * the build arguments (or the `ARG` default). Enough for our own recipes, which have one
 * stage; we need it to check the base is present locally before building, because the
 * classic builder pulls a missing `FROM` image on its own.
 */
export function dockerfileBaseImage(dockerfile: string, buildargs: Record<string, string> = {}): string {
  const defaults: Record<string, string> = {};
  for (const raw of dockerfile.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const arg = /^ARG\s+([A-Za-z_][A-Za-z0-9_]*)(?:=(\S*))?\s*$/i.exec(line);
    if (arg) {
      defaults[arg[1]!] = arg[2] ?? '';
      continue;
    }
    const from = /^FROM\s+(?:--platform=\S+\s+)?(\S+)/i.exec(line);
    if (!from) throw new Error(`Dockerfile instruction before FROM: ${line}`);
    const image = from[1]!.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, a, b) => {
      const name = (a ?? b) as string;
      const value = buildargs[name] ?? defaults[name];
      if (value === undefined || value === '') throw new Error(`FROM uses build argument ${name}, which is not set`);
      return value;
    });
    return image;
  }
  throw new Error('Dockerfile has no FROM');
}
