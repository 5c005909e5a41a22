import type { Services } from '../services';
import { createLoaders, type Loaders } from './loaders';

/** Who is asking: anonymous readers, or an editor proven by a bearer token. */
export interface Viewer {
  subject: string | null;
  roles: string[];
  /** Identifies the client for rate limits and one-upvote-per-client (token subject, else address). */
  clientId: string;
}

export interface Context {
  services: Services;
  loaders: Loaders;
  viewer: Viewer;
}

export function createContext(services: Services, viewer: Viewer): Context {
  return { services, viewer, loaders: createLoaders(services.entries, services.sources, services.navigation, services.seeAlso) };
}
