import fs from 'node:fs';
import { Kind, parse } from 'graphql';
import { CONTRACT_FILE, splitContract } from '../../web/build/contract-operations';
import { CONTRACT_OPERATIONS } from '../support/contract';

describe('splitContract', () => {
  const contract = fs.readFileSync(CONTRACT_FILE, 'utf8');
  const operations = splitContract(contract);

  it('gives every operation of the contract, in file order', () => {
    expect(operations.map((o) => o.name)).toEqual(CONTRACT_OPERATIONS);
  });

  it('keeps each operation as the contract writes it, with the comment above it', () => {
    for (const { name, document } of operations) {
      const definitions = parse(document).definitions;
      expect(definitions).toHaveLength(1);
      expect(definitions[0]).toMatchObject({ kind: Kind.OPERATION_DEFINITION, name: { value: name } });
      expect(contract).toContain(document.trimEnd());
    }
    expect(operations[0]!.document).toMatch(/^# An article page: the entry, its sections in order, every claim with the\n# sources it cites, its key terms and its source list\.\nquery EntryPage\(/);
  });

  it('refuses a fragment rather than send an operation without it', () => {
    expect(() => splitContract('query A { ...F }\nfragment F on Query { __typename }')).toThrow(/only named operations/);
  });
});
