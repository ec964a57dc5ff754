export { openStore, type Store } from './open-store.js';
export { MetaStore } from './meta-store.js';
export { MetricsStore, type FinishedTimes } from './metrics-store.js';
export { migrate, MIGRATIONS } from './migrations.js';
export { SessionStore, type SessionRecord } from './session-store.js';
export { newSubmissionId, SubmissionStore, type GradingStamp, type Submission, type SubmissionStatus } from './submission-store.js';
export { UserStore, type Role, type TokenInfo, type TokenRecord, type User } from './user-store.js';
export { RegradeStore, type Regrade, type RegradeProgress } from './regrade-store.js';
