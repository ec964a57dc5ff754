import { describe, expect, it } from 'vitest';
import { imagesCommand } from './images-command.js';

function collect() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out, err };
}

describe('sockgrade images (issue #14: --runtime)', () => {
  it('refuses a runtime it cannot build, naming the ones it can, before touching Docker', async () => {
    const { io, err } = collect();
    const docker = new Proxy({}, { get: () => { throw new Error('Docker must not be used'); } });
    expect(await imagesCommand(['build', '--runtime', 'rust'], io, { docker: docker as never, distDir: '/nowhere' })).toBe(2);
    expect(err.join('')).toBe("unknown runtime `rust`: use c or java (Python's image is always built)\n");
  });

  it('documents --runtime in its usage', async () => {
    const { io, out } = collect();
    expect(await imagesCommand(['--help'], io, { docker: {} as never, distDir: '/nowhere' })).toBe(0);
    expect(out.join('')).toContain('images build [--runtime c|java]');
  });
});
