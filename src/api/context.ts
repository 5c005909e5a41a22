import type { Viewer } from '../auth/viewer';
import { ReadTags } from '../graph/cache-tags';
import type { Services } from '../services';
import { createLoaders, type Loaders } from './loaders';

export interface Context {
  services: Services;
  loaders: Loaders;
  viewer: Viewer;
  /** What the request read, for the response cache: the loaders record it, and the schema for root fields (schema.ts). */
  reads: ReadTags;
}

export function createContext(services: Services, viewer: Viewer, reads: ReadTags = new ReadTags()): Context {
  return {
    services,
    viewer,
    reads,
    loaders: createLoaders(services.entries, services.sources, services.navigation, services.seeAlso, services.revisions, reads),
  };
}
