/**
 * The example scripted assignments (`web/assignments/examples/*.yaml`, issue #14): each
 * model solution gets full marks and each wrong fixture its exact score
 * (`examples/<id>/expected.json`), graded on this machine (real python3, the peer's whole path
 * minus Docker). test/integration/scripted-assignments.test.ts grades them in Docker.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeExpectedFixtures } from '../../../checks/testing/expected-fixtures.js';
import type { AssignmentDefinition } from '../../../checks/types.js';
import { loadAssignmentFiles } from '../load-assignment-files.js';

const examples = fileURLToPath(new URL('../examples/', import.meta.url));
let loaded: Promise<Map<string, AssignmentDefinition>> | null = null;

function example(id: string): Promise<AssignmentDefinition | undefined> {
  loaded ??= loadAssignmentFiles(examples).then((files) => new Map(files.map((file) => [file.definition.id, file.definition])));
  return loaded.then((byId) => byId.get(id));
}

for (const id of ['kv-store', 'udp-heartbeat', 'kv-client', 'udp-lookup-client']) {
  describeExpectedFixtures(
    { describe, it, expect, beforeAll },
    {
      title: `example ${id}: the model solution and the wrong fixtures`,
      expectedFile: 'expected.json',
      fixtures: {
        expectedFile: `${examples}${id}/expected.json`,
        caseDir: (assignmentId, name) => (name === 'solution' ? `${examples}${assignmentId}/solution` : `${examples}${assignmentId}/fixtures/${name}`),
      },
      assignment: example,
      concurrent: true,
    },
  );
}
