import { readdir, readlink } from 'node:fs/promises';

/**
 * Socket inodes held by a process, from the `socket:[inode]` links in `/proc/PID/fd`.
 * Only usable where the peer sees the student's process (a local run on one machine);
 * in the pod the student has its own PID namespace, and the whole network namespace is theirs.
 */
export async function socketInodesOf(pid: number, procDir = '/proc'): Promise<Set<number>> {
  const inodes = new Set<number>();
  let fds: string[];
  try {
    fds = await readdir(`${procDir}/${pid}/fd`);
  } catch {
    return inodes;
  }
  await Promise.all(
    fds.map(async (fd) => {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(await readlink(`${procDir}/${pid}/fd/${fd}`));
        if (match) inodes.add(Number(match[1]));
      } catch {
        // The descriptor closed between readdir and readlink.
      }
    }),
  );
  return inodes;
}
