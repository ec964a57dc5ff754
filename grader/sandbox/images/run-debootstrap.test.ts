import { describe, expect, it } from 'vitest';
import { parseDebootstrapRecipe } from './debootstrap-recipe.js';
import { debootstrapArgs, findDebootstrap, isPhaseLine } from './run-debootstrap.js';

describe('debootstrapArgs', () => {
  const recipe = parseDebootstrapRecipe(
    JSON.stringify({ image: 'peer-base', suite: 'bookworm', include: ['nodejs', 'ca-certificates'] }),
    'r.json',
  );

  it('passes variant, packages, cache, suite, target and mirror', () => {
    expect(debootstrapArgs(recipe, '/tmp/r/rootfs', 'http://mirror.example/debian', '/c/peer-base')).toEqual([
      '--variant=minbase',
      '--include=nodejs,ca-certificates',
      '--cache-dir=/c/peer-base',
      'bookworm',
      '/tmp/r/rootfs',
      'http://mirror.example/debian',
    ]);
  });

  it('leaves out the cache when there is none', () => {
    expect(debootstrapArgs(recipe, '/t', 'http://m.example/debian')).not.toContainEqual(expect.stringMatching(/cache/));
  });
});

describe('isPhaseLine', () => {
  it.each([
    ['I: Resolving dependencies of base packages...', true],
    ['I: Retrieving Release ', true],
    ['I: Base system installed successfully.', true],
    ['E: Failed getting release file http://m.example/debian/dists/bookworm/Release', true],
    ['W: Cannot check Release signature; keyring file not available', true],
    ['I: Retrieving libc6 2.36-9+deb12u10', false],
    ['I: Unpacking the base system...', true],
    ['I: Extracting zlib1g...', false],
    ['I: Unpacking libssl3:amd64...', false],
    ['I: Configuring libc-bin...', false],
    ['I: Validating libc6 2.36-9+deb12u10', false],
    ['dpkg: warning: something', false],
  ])('%s → %s', (line, shown) => {
    expect(isPhaseLine(line)).toBe(shown);
  });
});

describe('findDebootstrap', () => {
  it('fails with DEBOOTSTRAP_MISSING and the apt-get hint when the given path is not there', async () => {
    await expect(findDebootstrap('/nonexistent/debootstrap')).rejects.toMatchObject({
      code: 'DEBOOTSTRAP_MISSING',
      message: expect.stringContaining('apt-get install debootstrap'),
    });
  });
});
