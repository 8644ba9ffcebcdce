// The kit's members for lean, well-built images (lint, audit, build, health), as checks see them (types only).

export type LintSeverity = 'error' | 'warning';

/** One problem the linter found in a Dockerfile. */
export interface LintFinding {
  /** containerlings' rule id (combine-runs, root-user...) or hadolint's code (DL3008...). */
  readonly rule: string;
  readonly severity: LintSeverity;
  /** 1-based line in the Dockerfile. */
  readonly line: number;
  readonly message: string;
  /** What to change. */
  readonly fix: string;
}

export interface LintReport {
  readonly file: string;
  readonly findings: readonly LintFinding[];
  /** hadolint's own findings when it is on PATH; undefined when it is not installed. */
  readonly hadolint?: readonly LintFinding[];
}

/** What an image offers an attacker, read offline from its filesystem: no CVE data. */
export interface AttackSurface {
  readonly image: string;
  readonly sizeBytes: number;
  /** Which package database was found, if any, and how many packages it lists. */
  readonly packageDb: 'dpkg' | 'apk' | 'none';
  readonly packages: number;
  readonly shell: boolean;
  /** Package managers present: apt-get, dpkg, apk. */
  readonly packageManagers: readonly string[];
  readonly setuid: readonly string[];
  readonly setgid: readonly string[];
  /** The configured USER ("" means root), and the uid it resolves to (undefined when unknown). */
  readonly user: string;
  readonly uid?: number;
  readonly runsAsRoot: boolean;
}

export interface BuildResult {
  readonly ok: boolean;
  /** The image id when the build succeeded. */
  readonly id?: string;
  /** The last lines of the build's output (to show why it failed). */
  readonly output: string;
  /** The size of the build context the builder sent, as it reported it; undefined when it did not say. */
  readonly contextBytes?: number;
}

export interface HealthFacts {
  /** none: the container has no HEALTHCHECK; missing: there is no such container. */
  readonly status: 'healthy' | 'unhealthy' | 'starting' | 'none' | 'missing';
  readonly failingStreak: number;
  /** The last probe's output and exit code, when there was one. */
  readonly lastOutput: string;
  readonly lastExitCode?: number;
}

/** One step of an image's history (GET /images/{name}/history), as the builder recorded it. */
export interface HistoryStep {
  /** The instruction as recorded: "RUN /bin/sh -c ... # buildkit" (BuildKit), "/bin/sh -c ..." (legacy, buildah). */
  readonly createdBy: string;
  readonly sizeBytes: number;
}

export interface LeanKitMembers {
  /** The steps that made an image, newest first (the base image's steps last); undefined when it is missing. */
  history(image: string): Promise<HistoryStep[] | undefined>;
  /** Lints a Dockerfile in the exercise folder (default: Dockerfile); undefined when it is missing. */
  lint(file?: string): Promise<LintReport | undefined>;
  /** The attack surface of an image, from a labelled container that is created (never started) and removed. */
  audit(image: string): Promise<AttackSurface>;
  /**
   * Builds a copy of `dir` (relative to the exercise folder) as a labelled throw-away image, calls `use` with the
   * result, then removes the image. `append` adds text to files of the copy first (to see what a change rebuilds).
   */
  buildCopy<T>(
    dir: string,
    options: { append?: Readonly<Record<string, string>> },
    use: (result: BuildResult) => Promise<T>,
  ): Promise<T>;
  /** Waits (at most `waitSeconds`) until a container's health is no longer "starting", and reports it. */
  health(container: string, waitSeconds?: number): Promise<HealthFacts>;
}
