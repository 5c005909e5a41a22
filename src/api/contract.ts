import path from 'node:path';
import { projectRoot } from '../config';

/**
 * The operations the front end and the editors' tools send (the contract:
 * shared/contract/operations.graphql, kept in step by test/contract). The
 * explorer and the IDE are built from it; a new server sends itself its
 * reads before it reports ready (src/server.ts hands it to src/http/warm-up.ts).
 */
export const CONTRACT_FILE = path.join(projectRoot, 'test/contract/operations.graphql');
