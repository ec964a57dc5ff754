export { chatAssignments, chatClient, chatServer } from './assignments.js';
export { chatClientSuite } from './chat-client-checks.js';
export { parseChatFrame, type ChatFrame } from './chat-frame.js';
export { chatProtocol, COURSE_WORDS, type ChatProtocol } from './chat-protocol.js';
export { chatServerSuite } from './chat-server-suite.js';
export { startReferenceChatServer } from './reference-chat-server.js';
