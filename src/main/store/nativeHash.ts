import { createHash } from 'node:crypto';
import { setSha256 } from '../../shared/util/hash';

// Review status is derived by hashing every part of an article; on the Node side that runs once
// per file when a workspace opens cold, so it uses the native digest (identical output).
setSha256((text) => createHash('sha256').update(text, 'utf8').digest('hex'));
