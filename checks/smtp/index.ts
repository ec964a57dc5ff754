export { smtpAssignments, smtpClient } from './assignments.js';
export { parseMailMessage, type MailMessage } from './mail-message.js';
export { mailInputFor, type MailInput } from './mail-input.js';
export { startMockSmtpServer, type MockSmtpServer, type MockSmtpServerOptions } from './mock-smtp-server.js';
export { smtpClientSuite } from './smtp-client-suite.js';
