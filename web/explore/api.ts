import { operations } from 'contract-operations';
import type * as Contract from '../generated/contract';

/** The contract's reading operations, each with its variables and result as codegen typed them from the contract. */
interface Operations {
  Search: [Contract.SearchQueryVariables, Contract.SearchQuery];
  EntryPage: [Contract.EntryPageQueryVariables, Contract.EntryPageQuery];
  CrossLink: [Contract.CrossLinkQueryVariables, Contract.CrossLinkQuery];
  SeeAlsoPanel: [Contract.SeeAlsoPanelQueryVariables, Contract.SeeAlsoPanelQuery];
  Evidence: [Contract.EvidenceQueryVariables, Contract.EvidenceQuery];
  SourceUsage: [Contract.SourceUsageQueryVariables, Contract.SourceUsageQuery];
  Neighbourhood: [Contract.NeighbourhoodQueryVariables, Contract.NeighbourhoodQuery];
  Connection: [Contract.ConnectionQueryVariables, Contract.ConnectionQuery];
}

export type OperationName = keyof Operations;
export type Result<N extends OperationName> = Operations[N][1];

/** The API answered with errors (or not at all); the message is the API's. */
export class ApiError extends Error {
  override name = 'ApiError';
}

/**
 * Sends one of the contract's operations, as the contract writes it, to this
 * server's /graphql. The explorer reads nothing any other way.
 */
export async function run<N extends OperationName>(name: N, variables: Operations[N][0], signal?: AbortSignal): Promise<Result<N>> {
  const query = operations[name];
  if (query === undefined) throw new ApiError(`The contract has no operation ${name}.`);
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables, operationName: name }),
    signal,
  });
  const body = (await response.json().catch(() => ({}))) as { data?: Result<N> | null; errors?: Array<{ message: string }> };
  if (body.errors?.length || !body.data) {
    throw new ApiError(body.errors?.map((error) => error.message).join(' ') || `The API answered ${response.status}.`);
  }
  return body.data;
}
