export { openStore, type Store } from './open-store.js';
export { MetaStore } from './meta-store.js';
export { migrate, MIGRATIONS } from './migrations.js';
export { newSubmissionId, SubmissionStore, type Submission, type SubmissionStatus } from './submission-store.js';
export { UserStore, type Role, type User } from './user-store.js';
