import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDebootstrapRecipe, parseDebootstrapRecipe } from './debootstrap-recipe.js';
import { defaultRecipesDir } from './project-paths.js';

const minimal = { image: 'student-python', suite: 'bookworm', include: ['python3'] };

describe('debootstrap recipes', () => {
  it('the shipped recipes parse', async () => {
    const python = await loadDebootstrapRecipe(join(defaultRecipesDir(), 'python/debootstrap.json'));
    expect(python.recipe).toMatchObject({ image: 'student-python', variant: 'minbase', include: ['python3'] });
    const peer = await loadDebootstrapRecipe(join(defaultRecipesDir(), 'peer-base/debootstrap.json'));
    expect(peer.recipe).toMatchObject({ image: 'peer-base', include: ['nodejs'] });
  });

  it('fills defaults', () => {
    expect(parseDebootstrapRecipe(JSON.stringify(minimal), 'r.json')).toEqual({
      ...minimal,
      variant: 'minbase',
      prune: [],
      truncate: [],
      changes: [],
    });
  });

  it.each([
    ['a path climbing out of the rootfs', { prune: [{ dir: '/usr/../../etc' }] }],
    ['a relative path', { truncate: ['etc/hostname'] }],
    ['the root itself', { prune: [{ dir: '/' }] }],
    ['a RUN change', { changes: ['RUN rm -rf /'] }],
    ['an option smuggled in as a package', { include: ['--foreign'] }],
    ['an unknown field', { extra: 1 }],
  ])('refuses %s with IMAGE_RECIPE_INVALID', (_, extra) => {
    expect(() => parseDebootstrapRecipe(JSON.stringify({ ...minimal, ...extra }), 'r.json')).toThrow(
      expect.objectContaining({ code: 'IMAGE_RECIPE_INVALID', message: expect.stringContaining('r.json') }),
    );
  });

  it('refuses text that is not JSON', () => {
    expect(() => parseDebootstrapRecipe('{', 'r.json')).toThrow(/r\.json is invalid: not valid JSON/);
  });
});
