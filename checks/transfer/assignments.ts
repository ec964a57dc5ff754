import { defineAssignment } from '../define-assignment.js';
import { DEFAULT_LIMITS } from '../lib/defaults.js';
import { fileClientSheet } from './descriptions-file-client.js';
import { fileServerSheet } from './descriptions-file-server.js';
import { objectTransferSheet } from './descriptions-object.js';
import { fileClientSuite } from './file-client-checks.js';
import { fileServerSuite } from './file-server-checks.js';
import { objectTransferSuite } from './object-checks.js';
import { paramValues } from '../lib/param-schema.js';
import { FILE_CLIENT, FILE_SERVER, OBJECT_TRANSFER } from './params.js';

const MiB = 1024 * 1024;

export const fileServer = defineAssignment(fileServerSuite, {
  id: 'file-server',
  title: 'File server',
  summary: 'A TCP server that stores uploaded files (PUT) and sends them back (GET), byte for byte.',
  description: fileServerSheet({ framing: 'close', largeMiB: 3 }),
  // framing: 'close' | 'length-prefix' (8 bytes, big-endian); okWord/errorWord/getWord/putWord rename the protocol words.
  params: paramValues(FILE_SERVER, 'framing', 'replyMs', 'msPerKiB'),
  tests: [
    { id: 'get-existing', name: 'Serves a file it already has (server.py)', points: 10, params: { check: 'get-existing' } },
    { id: 'text-file', name: 'Text file with umlauts and €', points: 15, params: { check: 'round-trip', file: 'text' } },
    { id: 'binary-file', name: 'Binary file (64 KiB)', points: 20, params: { check: 'round-trip', file: 'binary' } },
    { id: 'empty-file', name: 'Empty file', points: 10, params: { check: 'round-trip', file: 'empty' } },
    { id: 'large-file', name: 'Large file (3 MiB)', points: 20, params: { check: 'round-trip', file: 'large', bytes: 3 * MiB } },
    { id: 'unknown-file', name: 'A file that does not exist', points: 15, params: { check: 'refuses-name' } },
    { id: 'path-escape', name: "A path out of the server's folder", points: 10, params: { check: 'refuses-name', escape: true } },
  ],
  // A round trip of the large file waits for a slow-but-correct server (bytes joined with +).
  limits: { ...DEFAULT_LIMITS, testMs: 20_000, runMs: 90_000 },
  // The student's work folder holds the uploads: 3 MiB + 64 KiB + small ones fit in the default resources.
});

export const fileClient = defineAssignment(fileClientSuite, {
  id: 'file-client',
  title: 'File client',
  summary: 'A TCP client that downloads a file (GET name), saves it and prints its size and SHA-256.',
  description: fileClientSheet({ framing: 'close', largeMiB: 3 }),
  params: paramValues(FILE_CLIENT, 'framing', 'replyMs'),
  tests: [
    { id: 'sends-request', name: 'Sends the request line GET name', points: 10, params: { check: 'sends-request', file: 'text' } },
    { id: 'text-file', name: 'Text file with umlauts and €', points: 15, params: { check: 'saves-file', file: 'text' } },
    { id: 'binary-file', name: 'Binary file (64 KiB)', points: 20, params: { check: 'saves-file', file: 'binary' } },
    { id: 'empty-file', name: 'Empty file', points: 15, params: { check: 'saves-file', file: 'empty' } },
    { id: 'large-file', name: 'Large file (3 MiB)', points: 20, params: { check: 'saves-file', file: 'large', bytes: 3 * MiB } },
    { id: 'unknown-file', name: 'A file the server does not have', points: 20, params: { check: 'reports-error', file: 'unknown' } },
  ],
  // Five client runs of up to 10 s each.
  limits: { ...DEFAULT_LIMITS, runMs: 90_000 },
});

/**
 * The lines we type into the object client: Python literals (what `ast.literal_eval`
 * accepts), or a generated list. The peer parses the same literal to know the object
 * it must receive.
 */
const objectScenarios = {
  list: "[1, 2, 3, 'vier', 5.0]",
  dict: "{'name': 'Jörg', 'noten': [1, 2, 3], 'adresse': {'stadt': 'Köln', 'plz': '50667'}, 'aktiv': True, 'partner': None}",
  types: "[(1, 2), {3, 4}, b'\\x00\\xff', 12345678901234567890123, -7, 3.25, 'Grüße für 5 €', True, None]",
  // About 75 KB pickled: more than one recv(), and more than a 2-byte length can say.
  large: { item: "'Eintrag {i}'", count: 5000 },
};

export const objectTransfer = defineAssignment(objectTransferSuite, {
  id: 'object-transfer',
  title: 'Sending a Python object (pickle)',
  summary: 'A TCP client that sends a Python object pickled, with an 8-byte length in front, and prints the answer.',
  description: objectTransferSheet('length-prefix'),
  // framing: 'length-prefix' (8 bytes, big-endian) | 'close' (the client half-closes); maxObjectBytes caps one pickle.
  params: { ...paramValues(OBJECT_TRANSFER, 'framing', 'replyMs', 'maxObjectBytes'), scenarios: objectScenarios },
  tests: [
    { id: 'sends-list', name: "Sends [1, 2, 3, 'vier', 5.0] pickled", points: 25, params: { check: 'sends-object', scenario: 'list' } },
    { id: 'prints-reply', name: "Prints the server's answer", points: 15, params: { check: 'prints-reply', scenario: 'list' } },
    { id: 'nested-dict', name: 'A nested dict with umlauts, True and None', points: 20, params: { check: 'sends-object', scenario: 'dict' } },
    { id: 'all-types', name: 'Tuple, set, bytes, big int, float, None', points: 20, params: { check: 'sends-object', scenario: 'types' } },
    { id: 'large-list', name: 'A list of 5000 strings (about 75 KB)', points: 20, params: { check: 'sends-object', scenario: 'large' } },
  ],
  limits: { ...DEFAULT_LIMITS, runMs: 75_000 },
});

export const transferAssignments = [fileServer, fileClient, objectTransfer];
