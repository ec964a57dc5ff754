/**
 * A log that says a repeated line once per `windowMs` instead of at every reconnect
 * attempt (a Redis that is down makes ioredis report the same error every second).
 */
export function quietRepeats(log: (line: string) => void, windowMs = 60_000, now: () => number = Date.now): (line: string) => void {
  let last: string | undefined;
  let lastAt = 0;
  let suppressed = 0;
  return (line) => {
    const at = now();
    if (line === last && at - lastAt < windowMs) {
      suppressed++;
      return;
    }
    if (suppressed > 0) log(`(the previous line repeated ${suppressed} more time${suppressed > 1 ? 's' : ''})`);
    suppressed = 0;
    last = line;
    lastAt = at;
    log(line);
  };
}
