export { canSeeSubmission, requireTeacher, submissionScope } from './access.js';
export { hashApiToken, newApiToken } from './api-tokens.js';
export { bearerAuth, currentUser } from './bearer-auth.js';
export { hashPassword, verifyPassword } from './passwords.js';
