import type { GraphiQLProps } from 'graphiql';

/** Every request goes to this API's own /graphql, as a JSON POST (which Apollo's CSRF prevention lets through). */
export const fetcher: GraphiQLProps['fetcher'] = async ({ query, variables, operationName }, options) => {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...options?.headers },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return response.json();
};
