import type { CheckFamily } from '../suite.js';
import { guessAssignments } from './assignments.js';
import { guessClientSuite } from './guess-client-checks.js';
import { guessServerSuite } from './guess-server-checks.js';

/** The guessing game (issue #4): a server graded by a reference client, and a client graded by a reference server. */
export const guessFamily: CheckFamily = { suites: [guessServerSuite, guessClientSuite], assignments: guessAssignments };
