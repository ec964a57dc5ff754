/** The check suite of the `chat-server` assignment: every check by the id its tests name. */
import type { ServerSuite } from '../suite.js';
import { deliveryCheck, disconnectCheck, textBeforeLoginCheck } from './chat-delivery-checks.js';
import { duplicateNameCheck, invalidNamesCheck, loginCheck, logoutCheck, userListCheck } from './chat-login-checks.js';
import { tenClientsCheck } from './chat-ten-clients-check.js';
import { withParams } from '../define-assignment.js';
import { CHAT_SERVER, TEN_CLIENTS } from './chat-params.js';
import { splitMessageCheck, twoInOneSegmentCheck } from './chat-wire-checks.js';

const typed = withParams(CHAT_SERVER);

export const chatServerSuite = {
  id: 'chat-server',
  role: 'server',
  transport: 'tcp',
  checks: {
    login: typed(loginCheck),
    'invalid-names': typed(invalidNamesCheck),
    'duplicate-name': typed(duplicateNameCheck),
    'user-list': typed(userListCheck),
    delivery: typed(deliveryCheck),
    logout: typed(logoutCheck),
    'text-before-login': typed(textBeforeLoginCheck),
    'two-in-one-segment': typed(twoInOneSegmentCheck),
    'split-message': typed(splitMessageCheck),
    'disconnect-without-logout': typed(disconnectCheck),
    'ten-clients': withParams(TEN_CLIENTS)(tenClientsCheck),
  },
} satisfies ServerSuite;
