import { openTestServices } from '../support/test-app';

/** The patches applied to neo4j-driver at install (patches/): what they keep and what they change. */
describe('neo4j-driver as patched', () => {
  let services: Awaited<ReturnType<typeof openTestServices>>;
  beforeAll(async () => {
    services = await openTestServices();
  });
  afterAll(() => services.close());

  it('still gives a failed query the stack of the code that ran it (formatted only on failure)', async () => {
    async function callerOfTheFailingQuery() {
      return services.graph.query('RETURN 1 / $zero AS x', { zero: 0 });
    }
    const error = await callerOfTheFailingQuery().then(
      () => null,
      (failure: unknown) => failure as Error,
    );
    expect(error).not.toBeNull();
    expect(error!.stack).toMatch(/callerOfTheFailingQuery/);
  });
});
