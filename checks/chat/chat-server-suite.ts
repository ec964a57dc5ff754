/** The check suite of the `chat-server` assignment: every check by the id its tests name. */
import type { ServerSuite } from '../suite.js';
import { deliveryCheck, disconnectCheck, textBeforeLoginCheck } from './chat-delivery-checks.js';
import { duplicateNameCheck, invalidNamesCheck, loginCheck, logoutCheck, userListCheck } from './chat-login-checks.js';
import { type TenClientsParams, tenClientsCheck } from './chat-ten-clients-check.js';
import { withParams } from '../define-assignment.js';
import { splitMessageCheck, twoInOneSegmentCheck } from './chat-wire-checks.js';

export const chatServerSuite = {
  id: 'chat-server',
  role: 'server',
  transport: 'tcp',
  checks: {
    login: loginCheck,
    'invalid-names': invalidNamesCheck,
    'duplicate-name': duplicateNameCheck,
    'user-list': userListCheck,
    delivery: deliveryCheck,
    logout: logoutCheck,
    'text-before-login': textBeforeLoginCheck,
    'two-in-one-segment': twoInOneSegmentCheck,
    'split-message': splitMessageCheck,
    'disconnect-without-logout': disconnectCheck,
    'ten-clients': withParams<TenClientsParams>()(tenClientsCheck),
  },
} satisfies ServerSuite;
