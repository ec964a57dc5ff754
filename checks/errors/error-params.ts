/** The params of the error-handling checks, each typed once with its default (issue #14). */
import { paramDefaults } from '../lib/param-schema.js';

/** Read by every check of the suite; the assignment gives them all (`assignments.ts`). */
export const ERROR_HANDLING = paramDefaults({
  /** The line typed on the client's stdin. */
  text: 'Hallo Echo-Server!',
  /** `closing-server`: how long the server holds the connection before it closes without answering. */
  closeAfterMs: 300,
});
