import { describe, expect, it } from 'vitest';
import { mountsUnder } from './rootfs-dir.js';

// proc(5) mountinfo lines: id parent major:minor root mount-point options … - type source super-options
const MOUNTINFO = [
  '22 1 252:0 / / rw,relatime shared:1 - ext4 /dev/vda rw',
  '40 22 0:5 / /proc rw,nosuid - proc proc rw',
  '91 22 0:5 / /tmp/sockgrade-rootfs-a/rootfs/proc rw,relatime - proc proc rw',
  '92 22 0:20 / /tmp/sockgrade-rootfs-a/rootfs/sys rw,relatime - sysfs sysfs rw',
  '93 92 0:21 / /tmp/sockgrade-rootfs-a/rootfs/sys/fs/cgroup rw - cgroup2 cgroup rw',
  '94 22 0:30 / /tmp/sockgrade-rootfs-ab/rootfs/proc rw - proc proc rw',
  '95 22 0:31 / /tmp/sockgrade-rootfs-a/rootfs/with\\040space rw - tmpfs tmpfs rw',
  '',
].join('\n');

describe('mountsUnder', () => {
  it('finds mounts at or below the folder, deepest first, and not in a sibling with a longer name', () => {
    expect(mountsUnder(MOUNTINFO, '/tmp/sockgrade-rootfs-a')).toEqual([
      '/tmp/sockgrade-rootfs-a/rootfs/sys/fs/cgroup',
      '/tmp/sockgrade-rootfs-a/rootfs/with space',
      '/tmp/sockgrade-rootfs-a/rootfs/proc',
      '/tmp/sockgrade-rootfs-a/rootfs/sys',
    ]);
  });

  it('finds nothing where nothing is mounted', () => {
    expect(mountsUnder(MOUNTINFO, '/tmp/other')).toEqual([]);
  });
});
