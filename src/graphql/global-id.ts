import { badInput } from '../errors';

/** The node types a global ID can name. Entries of every kind share `Entry`: their slug is unique across kinds. */
export type NodeType = 'Entry' | 'Claim' | 'Source' | 'KeyTerm' | 'Revision';

const NODE_TYPES = new Set<NodeType>(['Entry', 'Claim', 'Source', 'KeyTerm', 'Revision']);

/** Opaque to clients: base64url of "Type:localId". */
export const toGlobalId = (type: NodeType, localId: string) => Buffer.from(`${type}:${localId}`, 'utf8').toString('base64url');

export function fromGlobalId(id: string): { type: NodeType; localId: string } {
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  const type = decoded.slice(0, separator) as NodeType;
  const localId = decoded.slice(separator + 1);
  if (separator < 1 || !NODE_TYPES.has(type) || !localId || toGlobalId(type, localId) !== id.replace(/=+$/, '')) {
    throw badInput(`"${id.slice(0, 100)}" is not a valid ID.`, { argument: 'id' });
  }
  return { type, localId };
}
