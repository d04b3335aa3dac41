import * as crypto from 'node:crypto';
import { setSha256 } from '../../shared/util/hash';

// Review status is derived by hashing every part of an article; on the Node side that runs once
// per file when a workspace opens cold, so it uses the native digest (identical output). The
// one-shot crypto.hash (Node 20.12+, Electron's Node 22) skips the Hash object createHash builds
// per call, which costs more than the digest of a part's few hundred bytes.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
setSha256(
  typeof oneShot === 'function'
    ? (text) => oneShot('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex'),
);
