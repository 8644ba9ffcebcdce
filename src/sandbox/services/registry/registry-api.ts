// A small client for the registry's HTTP API (distribution v2): repositories, tags, manifests, deletes.
// Checks and the ECR endpoint read images here, so there is one store of images: the registry itself.
import { createHash } from 'node:crypto';

/** Docker and OCI manifests and indexes: ask for all, so a digest is the one `docker push` printed. */
export const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

/** A manifest's digest: the sha256 of its exact bytes, as the registry and `docker push` compute it. */
export const manifestDigest = (body: Buffer) => `sha256:${createHash('sha256').update(body).digest('hex')}`;

export interface ManifestFacts {
  readonly digest: string;
  readonly mediaType: string;
  /** Config plus compressed layers, as ECR's imageSizeInBytes counts them. */
  readonly sizeBytes: number;
  readonly configDigest?: string;
  readonly layers: number;
}

export class RegistryApi {
  constructor(
    readonly base: string,
    private readonly authorization: string,
  ) {}

  static withLogin(base: string, user: string, password: string): RegistryApi {
    return new RegistryApi(base, `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`);
  }

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = { Authorization: this.authorization, ...(init.headers as Record<string, string>) };
    return fetch(`${this.base}${path}`, { ...init, headers, signal: init.signal ?? AbortSignal.timeout(10_000) });
  }

  async repositories(): Promise<string[]> {
    const r = await this.request('/v2/_catalog?n=1000');
    if (!r.ok) throw new Error(`the registry answered ${r.status} to /v2/_catalog`);
    return ((await r.json()) as { repositories?: string[] }).repositories ?? [];
  }

  /** The repository's tags; [] when it has none or does not exist. */
  async tags(repo: string): Promise<string[]> {
    const r = await this.request(`/v2/${repo}/tags/list`);
    if (r.status === 404) return [];
    if (!r.ok) throw new Error(`the registry answered ${r.status} to the tags of ${repo}`);
    return ((await r.json()) as { tags?: string[] | null }).tags ?? [];
  }

  /** A manifest by tag or digest; undefined when there is none. */
  async manifest(repo: string, reference: string): Promise<ManifestFacts | undefined> {
    const r = await this.request(`/v2/${repo}/manifests/${reference}`, { headers: { Accept: MANIFEST_TYPES } });
    if (r.status === 404) return undefined;
    if (!r.ok) throw new Error(`the registry answered ${r.status} to the manifest ${repo}:${reference}`);
    const body = (await r.json()) as {
      mediaType?: string;
      config?: { digest: string; size: number };
      layers?: { size: number }[];
      manifests?: { size: number }[];
    };
    const parts = [body.config, ...(body.layers ?? []), ...(body.manifests ?? [])].filter(Boolean) as {
      size: number;
    }[];
    return {
      digest: r.headers.get('docker-content-digest') ?? '',
      mediaType: body.mediaType ?? r.headers.get('content-type') ?? '',
      sizeBytes: parts.reduce((sum, p) => sum + p.size, 0),
      configDigest: body.config?.digest,
      layers: body.layers?.length ?? 0,
    };
  }

  /** Deletes a manifest by digest; the registry drops every tag that pointed at it. */
  async deleteManifest(repo: string, digest: string): Promise<boolean> {
    const r = await this.request(`/v2/${repo}/manifests/${digest}`, { method: 'DELETE' });
    await r.body?.cancel();
    return r.status === 202 || r.status === 200;
  }

  /** The manifest's exact bytes and media type, to put it back under other tags. */
  async rawManifest(repo: string, reference: string): Promise<{ body: Buffer; mediaType: string } | undefined> {
    const r = await this.request(`/v2/${repo}/manifests/${reference}`, { headers: { Accept: MANIFEST_TYPES } });
    if (!r.ok) return undefined;
    return { body: Buffer.from(await r.arrayBuffer()), mediaType: r.headers.get('content-type') ?? '' };
  }

  /** Stores a manifest under a tag (or its digest); when the registry refuses, its error code says why. */
  async putManifest(
    repo: string,
    reference: string,
    manifest: { body: Buffer; mediaType: string },
  ): Promise<{ stored: boolean; error?: string }> {
    const r = await this.request(`/v2/${repo}/manifests/${reference}`, {
      method: 'PUT',
      body: new Uint8Array(manifest.body),
      headers: { 'Content-Type': manifest.mediaType },
    });
    if (r.status === 201) {
      await r.body?.cancel();
      return { stored: true };
    }
    const answer = (await r.json().catch(() => ({}))) as { errors?: { code?: string }[] };
    return { stored: false, error: answer.errors?.[0]?.code ?? `HTTP ${r.status}` };
  }

  /** Every image in a repository: digest → its tags. */
  async images(repo: string): Promise<Map<string, { tags: string[]; manifest: ManifestFacts }>> {
    const out = new Map<string, { tags: string[]; manifest: ManifestFacts }>();
    for (const tag of await this.tags(repo)) {
      const manifest = await this.manifest(repo, tag);
      if (!manifest) continue;
      const entry = out.get(manifest.digest) ?? { tags: [], manifest };
      entry.tags.push(tag);
      out.set(manifest.digest, entry);
    }
    return out;
  }
}
