/** The worker bundles' URLs, put in by the build (web/build/bundles.ts) once the workers are built. */
declare const MONACO_WORKER_URLS: { editor: string; json: string; graphql: string };

/**
 * Monaco runs its language services in web workers; they are served by the
 * API like the rest of the IDE (GraphiQL's own setups load them from a
 * bundler's dev server or from esm.sh, which a machine without internet cannot reach).
 */
Object.assign(globalThis, {
  MonacoEnvironment: {
    getWorker(_workerId: string, label: string): Worker {
      const url = label === 'graphql' ? MONACO_WORKER_URLS.graphql : label === 'json' ? MONACO_WORKER_URLS.json : MONACO_WORKER_URLS.editor;
      return new Worker(url, { name: label });
    },
  },
});
