/** The operations of the front end's contract (test/contract/operations.graphql), in file order: reading first, editing last. */
export const CONTRACT_OPERATIONS = [
  'EntryPage',
  'SeeAlsoPanel',
  'Evidence',
  'SourceUsage',
  'Neighbourhood',
  'Connection',
  'CrossLink',
  'Search',
  'EntryHistory',
  'RevisionDiff',
  'ClaimAsCited',
  'SaveArticle',
  'RevertArticle',
  'ResolveSuggestion',
];
