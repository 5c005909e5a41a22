/**
 * Variables for each contract operation's tab, against the seeded graph. The
 * editors read JSON with comments, which say where a value comes from.
 */
export const exampleVariables: Readonly<Record<string, string>> = {
  EntryPage: '{ "slug": "earned-security" }',
  SeeAlsoPanel: '{\n  "slug": "earned-security",\n  "first": 5,\n  // pageInfo.endCursor of the page before, for the next page\n  "after": null\n}',
  Evidence: '{\n  "statement": "earned security is an accepted object of study, not a fringe idea",\n  "first": 5\n}',
  SourceUsage: '{\n  // A source\'s id: run EntryPage or Evidence and copy one of its sources\' ids\n  "id": "",\n  "first": 10\n}',
  Neighbourhood: '{ "slug": "earned-security" }',
  Connection: '{ "from": "earned-security", "to": "mentalization-based-treatment", "maxHops": 4 }',
  CrossLink: '{ "text": "Earned security grows out of attachment theory and is measured with the AAI." }',
  Search: '{ "query": "attachment", "first": 10 }',
  EntryHistory: '{ "slug": "earned-security", "first": 10, "after": null }',
  RevisionDiff: '{\n  // Two revision numbers of the entry: run EntryHistory for them\n  "slug": "earned-security",\n  "from": 1,\n  "to": 2\n}',
  ClaimAsCited: '{\n  // A claim\'s id from any revision: run EntryPage or RevisionDiff and copy one\n  "id": ""\n}',
  SaveArticle: '{\n  // Editors only (see Headers). The whole article export, and the revision it was edited from\n  "text": "",\n  "expectedRevision": 2,\n  "note": null\n}',
  RevertArticle: '{\n  // Editors only (see Headers)\n  "slug": "earned-security",\n  "toRevision": 2,\n  "expectedRevision": 3\n}',
  ResolveSuggestion: '{\n  // Editors only (see Headers). A suggestion\'s id from pendingRevisions\n  "id": "",\n  "decision": "ACCEPT",\n  "reason": null,\n  "revision": null\n}',
};

/** Every tab's headers: where an editor's token goes. */
export const exampleHeaders = `{
  // Reads need no token. For the editing mutations, paste a token from
  // \`npm run token -- --role editor\` and remove the // below:
  // "Authorization": "Bearer <token>"
}`;
