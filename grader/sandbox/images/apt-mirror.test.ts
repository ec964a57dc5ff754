import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findDebianMirror, parseDeb822Sources, parseOneLineSources, pickDebianMirror } from './apt-mirror.js';

/** Temp folders made by this file's tests, removed after each test. */
const made: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

// Example hosts only: the real mirror is whatever the machine's apt uses.
const DEB822 = `Types: deb
# http://snapshot.example/archive/debian/20250520T000000Z
URIs: http://mirror.example/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://mirror.example/debian-security
Suites: bookworm-security
Components: main
`;

describe('parseDeb822Sources', () => {
  it('reads stanzas, ignoring comment lines', () => {
    const sources = parseDeb822Sources(DEB822);
    expect(sources).toHaveLength(2);
    expect(sources[0]).toEqual({
      types: ['deb'],
      uris: ['http://mirror.example/debian'],
      suites: ['bookworm', 'bookworm-updates'],
      components: ['main'],
      enabled: true,
    });
  });

  it('joins continuation lines, lower-cases field names and honours Enabled: no', () => {
    const [source] = parseDeb822Sources('types: deb deb-src\nURIs:\n http://a.example/debian\n http://b.example/debian\nSuites: bookworm\nComponents: main contrib\nEnabled: no\n');
    expect(source?.uris).toEqual(['http://a.example/debian', 'http://b.example/debian']);
    expect(source?.types).toEqual(['deb', 'deb-src']);
    expect(source?.enabled).toBe(false);
  });
});

describe('parseOneLineSources', () => {
  it('reads type, URI, suite and components, skipping options and comments', () => {
    const text = '# comment\ndeb [ arch=amd64 signed-by=/k.gpg ] http://mirror.example/debian bookworm main contrib # tail\ndeb-src http://mirror.example/debian bookworm main\n';
    expect(parseOneLineSources(text)).toEqual([
      { types: ['deb'], uris: ['http://mirror.example/debian'], suites: ['bookworm'], components: ['main', 'contrib'], enabled: true },
      { types: ['deb-src'], uris: ['http://mirror.example/debian'], suites: ['bookworm'], components: ['main'], enabled: true },
    ]);
  });
});

describe('pickDebianMirror', () => {
  it('takes the exact suite with main, not -security or a vendor suite', () => {
    const sources = [
      ...parseOneLineSources('deb https://vendor.example/apt cloud-sdk-bookworm main\n'),
      ...parseDeb822Sources(DEB822).reverse(),
    ];
    expect(pickDebianMirror(sources, 'bookworm')).toBe('http://mirror.example/debian');
  });

  it('skips disabled, deb-src and component-less sources and unfetchable schemes', () => {
    const sources = [
      ...parseDeb822Sources('Types: deb\nURIs: http://off.example/debian\nSuites: bookworm\nComponents: main\nEnabled: no\n'),
      ...parseOneLineSources('deb-src http://src.example/debian bookworm main\ndeb http://c.example/debian bookworm contrib\ndeb cdrom:[Debian]/ bookworm main\n'),
    ];
    expect(pickDebianMirror(sources, 'bookworm')).toBeUndefined();
  });
});

describe('findDebianMirror', () => {
  async function aptDir(files: Record<string, string>): Promise<string> {
    const dir = await tempDir('sockgrade-apt-');
    await mkdir(join(dir, 'sources.list.d'));
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    return dir;
  }

  it('reads sources.list.d/*.sources and ignores other file names', async () => {
    const dir = await aptDir({
      'sources.list.d/a.list.disabled': 'deb http://disabled.example/debian bookworm main\n',
      'sources.list.d/debian.sources': DEB822,
    });
    await expect(findDebianMirror({ suite: 'bookworm', aptDir: dir })).resolves.toBe('http://mirror.example/debian');
  });

  it('prefers sources.list, then the parts in alphabetical order', async () => {
    const dir = await aptDir({
      'sources.list': 'deb http://first.example/debian bookworm main\n',
      'sources.list.d/debian.sources': DEB822,
    });
    await expect(findDebianMirror({ suite: 'bookworm', aptDir: dir })).resolves.toBe('http://first.example/debian');
  });

  it('uses the override without reading apt', async () => {
    await expect(findDebianMirror({ suite: 'bookworm', aptDir: '/nonexistent', override: 'http://o.example/debian' })).resolves.toBe(
      'http://o.example/debian',
    );
  });

  it('fails with MIRROR_NOT_FOUND naming what it searched', async () => {
    const dir = await aptDir({ 'sources.list': 'deb http://x.example/debian bullseye main\n' });
    await expect(findDebianMirror({ suite: 'bookworm', aptDir: dir })).rejects.toMatchObject({
      code: 'MIRROR_NOT_FOUND',
      message: expect.stringMatching(/bookworm\/main.*sources\.list.*SOCKGRADE_DEBIAN_MIRROR/),
    });
  });
});
