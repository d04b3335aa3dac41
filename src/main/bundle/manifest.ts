import { BUNDLE_KIND, MANIFEST_FORMAT, type BundleFile, type Manifest } from '../../shared/export/exportSchemas';
import { sha256Hex } from './contentHash';

/** The manifest's record of one file: its path, sha256 and byte count. */
export function bundleFile(path: string, data: Uint8Array): BundleFile {
  return { path, sha256: sha256Hex(data), bytes: data.byteLength };
}

export interface ManifestInput {
  createdAt: Date;
  createdBy: string;
  appVersion: string;
  items: Manifest['items'];
  people: Manifest['people'];
  /** Every file but the manifest. */
  files: BundleFile[];
}

const byKey =
  <T>(key: (x: T) => string) =>
  (a: T, b: T): number =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** The bundle manifest, with items sorted by slug, people by id and files by path. */
export function buildManifest(input: ManifestInput): Manifest {
  return {
    format: MANIFEST_FORMAT,
    kind: BUNDLE_KIND,
    createdAt: input.createdAt.toISOString(),
    createdBy: input.createdBy,
    appVersion: input.appVersion,
    items: [...input.items].sort(byKey((i) => i.slug)),
    people: [...input.people].sort(byKey((p) => p.id)),
    files: [...input.files].sort(byKey((f) => f.path)),
  };
}
