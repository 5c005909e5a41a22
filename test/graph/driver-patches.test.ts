import { openTestServices } from '../support/test-app';

/** neo4j-driver with the patch applied at install (patches/: TCP_NODELAY): what it keeps. */
describe('neo4j-driver as patched', () => {
  let services: Awaited<ReturnType<typeof openTestServices>>;
  beforeAll(async () => {
    services = await openTestServices();
  });
  afterAll(() => services.close());

  it('gives a failed query the stack of the code that ran it', async () => {
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
