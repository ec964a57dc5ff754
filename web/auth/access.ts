import { ForbiddenError } from '../errors.js';
import type { User } from '../store/index.js';

/** A student sees their own submissions; a teacher sees all. */
export function canSeeSubmission(user: User, submission: { userId: number }): boolean {
  return user.role === 'teacher' || submission.userId === user.id;
}

/** What a listing may show: a student's own, or everyone's for a teacher. */
export function submissionScope(user: User): { userId?: number } {
  return user.role === 'teacher' ? {} : { userId: user.id };
}

export function requireTeacher(user: User, what: string): void {
  if (user.role !== 'teacher') throw new ForbiddenError(`Only a teacher can ${what}.`);
}
