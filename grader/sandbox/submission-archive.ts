import { pack } from 'tar-stream';

/**
 * The archive's last entry: a server's container starts while its files are copied in
 * (issue #11), and its launcher waits for this file, which exists only once every file
 * before it is complete (Docker unpacks entries in order). The launcher leaves it out of
 * the program's working copy. A student's own file of this name is overwritten by it.
 */
export const READY_MARKER = '.sockgrade-ready';

/**
 * Packs the submission's files into a tar for `putArchive`. Entries are plain files
 * owned by root with mode 0644 (directories 0755): readable by the unprivileged
 * student, never executable or setuid whatever the upload claimed. With `buildDir` (a
 * compiled runtime), that folder (relative to the volume) is added for the compiler's
 * output. With `readyMarker` (a pod's archive) {@link READY_MARKER} comes last.
 */
export async function packSubmission(files: ReadonlyMap<string, Buffer>, opts: { buildDir?: string; readyMarker?: boolean } = {}): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk) => chunks.push(chunk as Buffer));
  const finished = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  const directories = new Set<string>();
  for (const name of [...files.keys()].sort()) {
    const parts = name.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      const dir = parts.slice(0, depth).join('/');
      if (directories.has(dir)) continue;
      directories.add(dir);
      archive.entry({ name: `${dir}/`, type: 'directory', mode: 0o755, uid: 0, gid: 0 });
    }
    archive.entry({ name, type: 'file', mode: 0o644, uid: 0, gid: 0 }, files.get(name)!);
  }
  if (opts.buildDir !== undefined) {
    // The one folder the compile step may write (issue #14): owned by the unprivileged user,
    // whose uid is kept when Docker unpacks the archive. Last, so it wins over a student's
    // folder of the same name.
    archive.entry({ name: `${opts.buildDir}/`, type: 'directory', mode: 0o755, uid: 65534, gid: 65534 });
  }
  if (opts.readyMarker) archive.entry({ name: READY_MARKER, type: 'file', mode: 0o644, uid: 0, gid: 0 }, Buffer.alloc(0));
  archive.finalize();
  await finished;
  return Buffer.concat(chunks);
}
