// The teacher's controls on a report (regrade, manual score override): dashteacher
// writes them. submission.js calls this only when the viewer is a teacher.

/**
 * `container`: an empty <section> below the score; `submission`: what
 * `GET /api/submissions/:id` answered; `reload()` fetches and draws the report again.
 */
export async function renderTeacherControls(_container, _ctx, _submission, _reload) {}
