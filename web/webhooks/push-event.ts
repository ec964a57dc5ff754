/** What we take from a push event's JSON, whichever host sent it. */
export interface PushEvent {
  /** Every URL the event names its repository by: one of them is the registered one. */
  repositoryUrls: string[];
  /** `refs/heads/main` */
  ref: string;
  /** The pushed commit; all zeros when the branch was deleted. */
  after: string;
}

const COMMIT_ID = /^[0-9a-f]{40,64}$/;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 && value.length <= 2048 ? value : undefined);

/**
 * The repository, ref and commit of a GitHub, Gitea or GitLab push event; undefined when
 * the JSON is not one. GitHub and Gitea name the repository in `repository.clone_url`,
 * `html_url`, `ssh_url`; GitLab in `project.git_http_url`, `web_url` (and the older
 * `repository.git_http_url`).
 */
export function parsePushEvent(payload: unknown): PushEvent | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { ref, after, repository, project } = payload as Record<string, unknown>;
  const repo = (typeof repository === 'object' && repository !== null ? repository : {}) as Record<string, unknown>;
  const proj = (typeof project === 'object' && project !== null ? project : {}) as Record<string, unknown>;
  const candidates = [repo.clone_url, repo.html_url, repo.git_http_url, repo.url, repo.ssh_url, repo.git_url, proj.git_http_url, proj.http_url, proj.web_url, proj.git_ssh_url]
    .map(text)
    .filter((url): url is string => url !== undefined);
  // `https://host/a/b` and `https://host/a/b.git` are one repository: both forms are tried.
  const repositoryUrls = [...new Set(candidates.flatMap((url) => [url, url.endsWith('.git') ? url.slice(0, -4) : `${url}.git`]))];
  if (typeof ref !== 'string' || typeof after !== 'string' || !COMMIT_ID.test(after) || repositoryUrls.length === 0) return undefined;
  return { repositoryUrls, ref, after };
}
