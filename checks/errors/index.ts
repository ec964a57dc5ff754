export { echoTcpClientErrors, errorsAssignments } from './assignments.js';
export { errorHandlingChecks, errorHandlingTcpClientSuite, errorHandlingUdpClientSuite } from './error-handling-checks.js';
export { errorsFamily } from './family.js';
export { hasTraceback, judgeErrorRun, namesProblem } from './error-verdict.js';
