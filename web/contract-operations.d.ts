/** The contract's operations by name (test/contract/operations.graphql), put in by the build (web/build/contract-operations.ts). */
declare module 'contract-operations' {
  export const operations: Readonly<Record<string, string>>;
}
