import express, { Router, type Response } from 'express';
import { AssignmentFileConflict, exampleAssignmentText, type AssignmentCatalogHolder } from '../assignments/catalog-holder.js';
import { ASSIGNMENT_ID_PATTERN } from '../assignments/assignment-file-schema.js';
import { AssignmentFileError, formatProblem, MAX_ASSIGNMENT_FILE_BYTES } from '../assignments/index.js';
import { currentUser, requireTeacher } from '../auth/index.js';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.js';

/** Content types a YAML body may come with; anything else must be JSON `{yaml}`. */
const TEXT_TYPES = ['text/yaml', 'text/x-yaml', 'application/yaml', 'application/x-yaml', 'text/plain'];

/** The text of a PUT: a YAML body, or JSON `{"yaml": "…"}`. */
function textOf(body: unknown): string {
  if (typeof body === 'string') return body;
  const yaml = (body as { yaml?: unknown } | undefined)?.yaml;
  if (typeof yaml === 'string') return yaml;
  throw new BadRequestError('Send the assignment file as the body (Content-Type: text/yaml), or as JSON `{"yaml": "…"}`.');
}

/** 400 with every problem, each as `file:line: path: message` and as fields, so a page can point at the line. */
function sendProblems(res: Response, error: AssignmentFileError): void {
  const problems = error.problems.map((problem) => ({ ...problem, text: formatProblem(problem) }));
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  res.status(400).json({
    error: { code: 'ASSIGNMENT_INVALID', message: `The assignment file has ${count}; nothing was changed:\n${problems.map((p) => p.text).join('\n')}`, problems },
  });
}

/**
 * `/api/assignment-files` (teachers, issue #9): the teachers' assignment definitions in
 * `SOCKGRADE_ASSIGNMENTS_DIR`, edited through the API and in effect at once, checked by
 * the same loader as at start. `template` is the documented example file.
 */
export function assignmentFilesRouter(holder: AssignmentCatalogHolder): Router {
  const router = Router();
  router.use((_req, res, next) => {
    requireTeacher(currentUser(res), 'manage assignment files');
    next();
  });

  router.get('/', (_req, res) => {
    res.json({ dir: holder.dir, files: holder.list() });
  });

  router.get('/template', async (_req, res) => {
    res.type('text/yaml; charset=utf-8').send(await exampleAssignmentText());
  });

  router.get('/:id', async (req, res) => {
    const found = await holder.read(req.params.id);
    if (!found) {
      const builtin = holder.sourceOf(req.params.id)?.kind === 'builtin';
      throw new NotFoundError(builtin ? `\`${req.params.id}\` is built in; it has no file. Base one on it with \`basedOn: ${req.params.id}\`.` : `No teacher file defines \`${req.params.id}\`.`);
    }
    res.type(found.file.endsWith('.json') ? 'application/json; charset=utf-8' : 'text/yaml; charset=utf-8').setHeader('X-Assignment-File', found.file);
    res.send(found.text);
  });

  router.put('/:id', express.text({ type: TEXT_TYPES, limit: MAX_ASSIGNMENT_FILE_BYTES }), async (req, res) => {
    if (!ASSIGNMENT_ID_PATTERN.test(req.params.id) || req.params.id.length > 64) {
      throw new BadRequestError('An assignment id is lowercase letters, digits and single dashes, at most 64 characters.');
    }
    const text = textOf(req.body);
    if (Buffer.byteLength(text) > MAX_ASSIGNMENT_FILE_BYTES) throw new BadRequestError(`An assignment file may have at most ${MAX_ASSIGNMENT_FILE_BYTES} bytes.`);
    try {
      const { file, created } = await holder.write(req.params.id, text);
      res.status(created ? 201 : 200).json({ id: req.params.id, file, created });
    } catch (error) {
      if (error instanceof AssignmentFileError) return sendProblems(res, error);
      if (error instanceof AssignmentFileConflict) throw new ConflictError(error.message);
      throw error;
    }
  });

  router.delete('/:id', async (req, res) => {
    if (!(await holder.remove(req.params.id))) throw new NotFoundError(`No teacher file defines \`${req.params.id}\`.`);
    res.status(204).end();
  });

  return router;
}
