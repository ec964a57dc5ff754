import type { ContainerCreateOptions, HostConfig } from 'dockerode';
import type { StudentResourceLimits } from '../../checks/types.js';
import { READY_MARKER } from './submission-archive.js';

/** uid/gid of `nobody` in Debian images: the student and the peer never run as root. */
export const UNPRIVILEGED_USER = '65534:65534';

/** json-file logs capped: the default is unlimited, and a flooding program would fill the disk. */
const CAPPED_LOGS = { Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '1' } };

/** Settings every container of a pod shares: no privileges, no capabilities, read-only root. */
function hardened(): HostConfig {
  return {
    CapDrop: ['ALL'],
    SecurityOpt: ['no-new-privileges'],
    Privileged: false,
    ReadonlyRootfs: true,
    Init: true,
    LogConfig: CAPPED_LOGS,
    AutoRemove: false,
  };
}

/**
 * The reference peer: our code, but it reads student bytes, so it is boxed in as well.
 * It also owns the pod's network namespace (no network, only loopback) and the hosts
 * file, so names like `sandbox` resolve to 127.0.0.1 for everyone in the pod. It sees
 * no submission: a peer kept between runs (issue #11) must hold nothing of an earlier
 * student's, so each run's files live in a volume of that run only (`loaderCreateOptions`).
 */
export function peerCreateOptions(opts: {
  image: string;
  name: string;
  hostname: string;
  hostnames: string[];
  labels: Record<string, string>;
  /**
   * Removed by Docker once its process exits: a peer kept between `sockgrade grade` runs
   * ends itself when idle (`kept-pods.ts`), with no grader process left to remove it.
   */
  autoRemove?: boolean;
}): ContainerCreateOptions {
  const extraHosts = [opts.hostname, ...opts.hostnames].map((name) => `${name}:127.0.0.1`);
  return {
    name: opts.name,
    Image: opts.image,
    Cmd: ['node', '/opt/sockgrade/checks/peer/main.js'],
    User: UNPRIVILEGED_USER,
    WorkingDir: '/tmp',
    Hostname: opts.hostname,
    Labels: opts.labels,
    OpenStdin: true,
    StdinOnce: false,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    HostConfig: {
      ...hardened(),
      AutoRemove: opts.autoRemove === true,
      NetworkMode: 'none',
      ExtraHosts: extraHosts,
      // Shared by every container that joins the pod. With no responder running a lookup
      // fails at once (nothing listens on 127.0.0.1:53); assignments that set
      // `answerAllDnsNames` have the peer answer there.
      Dns: ['127.0.0.1'],
      // No TIME_WAIT sockets in the pod's namespace: a peer kept between runs must hand the
      // next student a namespace where every port binds as in a fresh one (without it, a
      // server port the last student closed first stays taken for 60 s to a program that
      // binds it without SO_REUSEADDR). On loopback nothing needs TIME_WAIT's protection.
      Sysctls: { 'net.ipv4.tcp_max_tw_buckets': '0' },
      Memory: 384 * 1024 * 1024,
      MemorySwap: 384 * 1024 * 1024,
      PidsLimit: 64,
      NanoCpus: 1_000_000_000,
      Tmpfs: { '/tmp': 'rw,noexec,nosuid,size=64m' },
      Ulimits: [
        { Name: 'nofile', Soft: 4096, Hard: 4096 },
        { Name: 'core', Soft: 0, Hard: 0 },
      ],
    },
  };
}

/**
 * Carries a run's submission into its volume and is never started: `putArchive` into a
 * volume path works on a created container although every root filesystem is read-only
 * (Docker refuses archives into a read-only rootfs, and a tmpfs is invisible to the
 * daemon's archive code), and the student's own mount is read-only, which Docker's
 * archive code refuses as well. The files are root's (`packSubmission`).
 */
export function loaderCreateOptions(opts: { image: string; name: string; volume: string; labels: Record<string, string> }): ContainerCreateOptions {
  return {
    name: opts.name,
    Image: opts.image,
    Cmd: ['true'],
    User: UNPRIVILEGED_USER,
    Labels: opts.labels,
    NetworkDisabled: true,
    HostConfig: {
      ...hardened(),
      NetworkMode: 'none',
      Mounts: [{ Type: 'volume', Source: opts.volume, Target: '/submission', ReadOnly: false }],
    },
  };
}

/**
 * The student's container: joins the pod's network, sees the submission read-only and
 * works in a size-limited tmpfs copy of it. The launcher waits until the submission is
 * complete (a server's container starts while its files are still being copied in: the
 * archive's last entry, `READY_MARKER`, says they are; at most 30 s, then exit 125), copies
 * the files and then `exec`s the program, so the program is the init's only child and
 * gets our signals.
 */
export function studentCreateOptions(opts: {
  image: string;
  name: string;
  /** The peer's container: the student joins its network namespace. */
  networkOwnerId: string;
  volume: string;
  argv: string[];
  env: string[];
  withStdin: boolean;
  limits: StudentResourceLimits;
  labels: Record<string, string>;
}): ContainerCreateOptions {
  const { limits } = opts;
  const launcher =
    `n=0; while [ ! -e /submission/${READY_MARKER} ]; do n=$((n+1)); [ $n -gt 3000 ] && exit 125; sleep 0.01; done; ` +
    `cp -R /submission/. /work/ 2>/dev/null; rm -f /work/${READY_MARKER}; cd /work && exec "$@"`;
  return {
    name: opts.name,
    Image: opts.image,
    Cmd: ['/bin/sh', '-c', launcher, 'sockgrade-launch', ...opts.argv],
    Env: ['PYTHONUNBUFFERED=1', 'PYTHONDONTWRITEBYTECODE=1', 'HOME=/work', 'LANG=C.UTF-8', ...opts.env],
    User: UNPRIVILEGED_USER,
    WorkingDir: '/work',
    Labels: opts.labels,
    OpenStdin: opts.withStdin,
    StdinOnce: opts.withStdin,
    AttachStdin: opts.withStdin,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    HostConfig: {
      ...hardened(),
      NetworkMode: `container:${opts.networkOwnerId}`,
      Memory: limits.memoryBytes,
      // Equal to Memory: no swap, so a memory bomb hits the OOM killer instead of the disk.
      MemorySwap: limits.memoryBytes,
      NanoCpus: limits.nanoCpus,
      // A pids cgroup, not an nproc ulimit: nproc counts per host uid across containers (moby#12695).
      PidsLimit: limits.pids,
      Tmpfs: {
        '/tmp': `rw,noexec,nosuid,nodev,size=${limits.tmpBytes}`,
        '/work': `rw,noexec,nosuid,nodev,size=${limits.workBytes},uid=65534,gid=65534,mode=0700`,
      },
      Mounts: [{ Type: 'volume', Source: opts.volume, Target: '/submission', ReadOnly: true }],
      Ulimits: [
        { Name: 'nofile', Soft: limits.openFiles, Hard: limits.openFiles },
        { Name: 'fsize', Soft: limits.fileSizeBytes, Hard: limits.fileSizeBytes },
        { Name: 'core', Soft: 0, Hard: 0 },
      ],
    },
  };
}

/** Limits of a compile step (issue #14): the runtime's own memory, time and output; the program's CPU share. */
export interface BuildLimits {
  memoryBytes: number;
  nanoCpus: number;
}

/**
 * A compile step: the student image's compiler over the submission, writing only into the
 * build folder of the volume (made for the unprivileged user by `packSubmission`). It runs
 * no student code, yet reads student bytes, so it is hardened like the program and has no
 * network at all (it need not join the pod). Threads count as pids: javac starts ~20.
 */
export function buildCreateOptions(opts: {
  image: string;
  name: string;
  volume: string;
  argv: string[];
  limits: BuildLimits;
  labels: Record<string, string>;
}): ContainerCreateOptions {
  return {
    name: opts.name,
    Image: opts.image,
    Cmd: opts.argv,
    Env: ['HOME=/tmp', 'LANG=C.UTF-8'],
    User: UNPRIVILEGED_USER,
    WorkingDir: '/submission',
    Labels: opts.labels,
    NetworkDisabled: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    HostConfig: {
      ...hardened(),
      NetworkMode: 'none',
      Memory: opts.limits.memoryBytes,
      MemorySwap: opts.limits.memoryBytes,
      NanoCpus: opts.limits.nanoCpus,
      PidsLimit: 128,
      Tmpfs: { '/tmp': 'rw,noexec,nosuid,nodev,size=128m' },
      Mounts: [{ Type: 'volume', Source: opts.volume, Target: '/submission', ReadOnly: false }],
      Ulimits: [
        { Name: 'nofile', Soft: 256, Hard: 256 },
        { Name: 'fsize', Soft: 64 * 1024 * 1024, Hard: 64 * 1024 * 1024 },
        { Name: 'core', Soft: 0, Hard: 0 },
      ],
    },
  };
}
