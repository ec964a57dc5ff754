/** Whether this machine has `python3`: tests that run real Python programs are skipped where it has not. */
import { execFileSync } from 'node:child_process';

export function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
}
