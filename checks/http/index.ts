export { httpAssignments, httpClient } from './assignments.js';
export { httpClientSuite } from './http-client-suite.js';
export { pageFor, type HttpPage } from './http-page.js';
export { startMockHttpServer, type MockHttpServer, type MockHttpServerOptions } from './mock-http-server.js';
