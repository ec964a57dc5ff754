/**
 * Attempt times per key within a sliding window, for at most `maxKeys` keys. Nothing is
 * ever evicted to make room: a key leaves only when all its attempts are out of the
 * window (or it is forgotten). When the table is full, `hasRoomFor` says no and the
 * caller refuses the newcomer: evicting instead would let an attacker free a locked
 * name by trying enough other names (issue #12).
 *
 * The Map is kept in order of each key's latest attempt (a recorded key is moved to
 * the end), so the expired keys are always at the front and pruning costs only what it
 * removes. (`withdraw` can make a key's latest attempt older without moving it: such a
 * key is pruned a little late, never early.)
 */
export class AttemptWindow {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    readonly maxAttempts: number,
    readonly windowMs: number,
    readonly maxKeys: number,
  ) {}

  /** Ms until `key` may try again: 0 while it has attempts left in the window. */
  waitFor(key: string, now: number): number {
    const recent = this.recent(key, now);
    return recent.length >= this.maxAttempts ? recent[recent.length - this.maxAttempts]! + this.windowMs - now : 0;
  }

  /** 0 when `key` is known or there is room for one more key; else ms until the oldest key leaves. */
  roomWaitFor(key: string, now: number): number {
    this.prune(now);
    if (this.attempts.has(key) || this.attempts.size < this.maxKeys) return 0;
    const oldest = this.attempts.values().next().value as number[];
    return Math.max(1, oldest[oldest.length - 1]! + this.windowMs - now);
  }

  record(key: string, now: number): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.attempts.delete(key);
    this.attempts.set(key, recent);
  }

  /** Takes back one attempt made at `at` (it turned out not to be a failure). */
  withdraw(key: string, at: number): void {
    const times = this.attempts.get(key);
    const index = times?.lastIndexOf(at) ?? -1;
    if (index < 0) return;
    times!.splice(index, 1);
    if (times!.length === 0) this.attempts.delete(key);
  }

  forget(key: string): void {
    this.attempts.delete(key);
  }

  get size(): number {
    return this.attempts.size;
  }

  private recent(key: string, now: number): number[] {
    return (this.attempts.get(key) ?? []).filter((at) => at > now - this.windowMs);
  }

  /** Drops keys whose latest attempt left the window: they sit at the front. */
  private prune(now: number): void {
    for (const [key, times] of this.attempts) {
      if (times[times.length - 1]! > now - this.windowMs) break;
      this.attempts.delete(key);
    }
  }
}
