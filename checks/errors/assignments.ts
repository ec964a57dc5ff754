import { defineAssignment } from '../define-assignment.js';
import { DEFAULT_LIMITS } from '../lib/defaults.js';
import { echoTcpClientErrorsDescription } from './descriptions.js';
import { errorHandlingTcpClientSuite } from './error-handling-checks.js';
import { ERROR_HANDLING } from './error-params.js';

export const echoTcpClientErrors = defineAssignment(errorHandlingTcpClientSuite, {
  id: 'echo-tcp-client-errors',
  title: 'TCP echo client with error handling',
  summary: 'The TCP echo client, made robust: no server, a silent server, a server that closes — a clear message and exit code 1 instead of a traceback or a hang.',
  description: echoTcpClientErrorsDescription,
  params: { ...ERROR_HANDLING },
  tests: [
    { id: 'works-normally', name: 'A working server: prints the echo', points: 25, params: { check: 'works-normally' } },
    { id: 'no-server', name: 'Nobody listens', points: 25, params: { check: 'no-server' } },
    { id: 'silent-server', name: 'A server that never answers', points: 25, params: { check: 'silent-server' } },
    { id: 'closing-server', name: 'A server that closes without answering', points: 25, params: { check: 'closing-server' } },
  ],
  // A client that hangs is stopped after 5 s: the sheet asks for a timeout of about 2 s.
  limits: { ...DEFAULT_LIMITS, clientRunMs: 5_000 },
});

export const errorsAssignments = [echoTcpClientErrors];
