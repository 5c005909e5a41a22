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
};

/** Every tab's headers: where an editor's token goes. */
export const exampleHeaders = `{
  // Reads need no token. For the editing mutations, paste a token from
  // \`npm run token -- --role editor\` and remove the // below:
  // "Authorization": "Bearer <token>"
}`;
