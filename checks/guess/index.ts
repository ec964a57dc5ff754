export { guessAssignments, guessClient, guessServer, guessServerAbortTest } from './assignments.js';
export { guessClientSuite } from './guess-client-checks.js';
export { guessServerSuite } from './guess-server-checks.js';
export { analyzeGame, binarySearchBound } from './guess-game.js';
