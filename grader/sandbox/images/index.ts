export { ensureImages, type EnsureImagesOptions, type EnsureImagesResult } from './ensure-images.js';
export { resolveImageTags, type ImageTags, type ResolveImageTagsOptions } from './resolve-image-tags.js';
export { chooseRecipe, IMAGE_SOURCES, isImageSource, type ImageSource } from './image-source.js';
export { IMAGE_LABELS, IMAGE_REPOS, ON_DEMAND_RUNTIMES, type ImageRecipeKind, type ImageRole, type OnDemandRuntime } from './image-plan.js';
export { isImagePresent } from './docker-stream.js';
export * from './errors.js';
