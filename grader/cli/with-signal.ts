/** Runs `fn` with the given signal, or with one aborted by Ctrl-C / SIGTERM (listeners removed after). */
export async function withSignal<T>(given: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (given) return fn(given);
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => controller.abort(new Error(`interrupted by ${name}`));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
