import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LineTail, spawnGroup } from './group-process.js';

describe('LineTail', () => {
  it('returns completed lines across chunks and keeps the last few', () => {
    const tail = new LineTail(2);
    expect(tail.push('a\nb')).toEqual(['a']);
    expect(tail.push('c\r\nd\n')).toEqual(['bc', 'd']);
    tail.push('partial');
    expect(tail.toString()).toBe('d\npartial');
  });
});

describe('spawnGroup', () => {
  it('on abort kills the whole process group, grandchildren included', async () => {
    const controller = new AbortController();
    // The shell starts a grandchild and prints its pid; killing only the shell would leave it.
    const proc = spawnGroup('sh', ['-c', 'sleep 30 & echo $!; wait'], { signal: controller.signal, killGraceMs: 200 });
    const grandchild = await new Promise<number>((resolve) => proc.child.stdout?.once('data', (d: Buffer) => resolve(Number(d.toString()))));
    controller.abort();
    const result = await proc.exited;
    expect(result.signal).toBe('SIGTERM');
    await expect.poll(() => alive(grandchild), { timeout: 2000 }).toBe(false);
  });

  it('rejects when the command does not exist', async () => {
    await expect(spawnGroup('/nonexistent/tool', []).exited).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

/** Running, not a zombie waiting for init to reap it (`/proc/<pid>/stat`, third field). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
