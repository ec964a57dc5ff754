import type { CheckFamily } from '../suite.js';
import { chatAssignments } from './assignments.js';
import { chatClientSuite } from './chat-client-checks.js';
import { chatServerSuite } from './chat-server-suite.js';

/** The class chat protocol (issue #5): a server graded by reference clients, and a client graded by a reference server. */
export const chatFamily: CheckFamily = { suites: [chatServerSuite, chatClientSuite], assignments: chatAssignments };
