import type Dockerode from 'dockerode';
import { planImages, type ImagePlan, type ImageRecipeKind, type OnDemandRuntime } from './image-plan.js';
import { chooseRecipe, type ImageSource } from './image-source.js';
import { defaultRecipesDir } from './project-paths.js';

/** The images a grading run uses, by content-hash tag. */
export interface ImageTags {
  /** How these images are made (`debootstrap` + import, or the pull Dockerfiles). */
  recipe: ImageRecipeKind;
  /** `sockgrade-student-python:<12 hex>`: the student's program and the pod's holder. */
  studentPython: string;
  /** `sockgrade-peer:<12 hex>`: the reference peer, `node /opt/sockgrade/checks/peer/main.js`. */
  peer: string;
  /** `sockgrade-peer-base:<12 hex>` under the peer layer; null for the pull Dockerfiles. */
  peerBase: string | null;
  /** `sockgrade-student-c:<12 hex>`, `sockgrade-student-java:<12 hex>`: built only on demand. */
  onDemand: Record<OnDemandRuntime, string>;
}

export interface ResolveImageTagsOptions {
  /** The compiled project (`dist/`); every file under its `checks/` is part of the peer's tag. */
  distDir: string;
  /**
   * @defaultValue 'auto'. With `auto`, pass `docker` so the choice can see which base
   * images are present locally; without it `auto` means `debootstrap`.
   */
  source?: ImageSource | undefined;
  docker?: Dockerode | undefined;
  /** @defaultValue the project's `docker/` folder */
  recipesDir?: string | undefined;
}

/**
 * The tags the images have when they are up to date: hashes the recipes and the compiled
 * checks, builds nothing. Cheap enough to call on every grading run (a few hundred KB read).
 */
export async function resolveImageTags(opts: ResolveImageTagsOptions): Promise<ImageTags> {
  return tagsOf(await resolvePlan(opts));
}

export async function resolvePlan(opts: ResolveImageTagsOptions): Promise<ImagePlan> {
  const recipesDir = opts.recipesDir ?? defaultRecipesDir();
  const recipe = await chooseRecipe(opts.docker, opts.source ?? 'auto', recipesDir);
  return planImages({ distDir: opts.distDir, recipe, recipesDir });
}

export function tagsOf(plan: ImagePlan): ImageTags {
  return {
    recipe: plan.recipe,
    studentPython: plan.studentPython.tag,
    peer: plan.peer.tag,
    peerBase: plan.peerBase?.tag ?? null,
    onDemand: { c: plan.onDemand.c.tag, java: plan.onDemand.java.tag },
  };
}
