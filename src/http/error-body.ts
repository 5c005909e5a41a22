/** A GraphQL-style error response body (`{"errors":[{message, extensions: {code}}]}`) for answers made outside Apollo: unreadable bodies, unknown paths. */
export function graphqlErrorBody(message: string, code: string): string {
  return JSON.stringify({ errors: [{ message, extensions: { code } }] });
}
