import type { Viewer } from '../auth/viewer';
import type { Services } from '../services';
import { createLoaders, type Loaders } from './loaders';

export interface Context {
  services: Services;
  loaders: Loaders;
  viewer: Viewer;
}

export function createContext(services: Services, viewer: Viewer): Context {
  return { services, viewer, loaders: createLoaders(services.entries, services.sources, services.navigation, services.seeAlso, services.revisions) };
}
