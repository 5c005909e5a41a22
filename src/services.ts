import type { Config } from './config';
import { CrossLinkService } from './cross-link/cross-link.service';
import { EntriesRepository } from './entries/entries.repository';
import { EvidenceRepository } from './evidence/evidence.repository';
import { SourcesRepository } from './evidence/sources.repository';
import type { Graph } from './graph/graph';
import { IngestService } from './ingest/ingest.service';
import { NavigationRepository } from './navigation/navigation.repository';
import { SearchRepository } from './search/search.repository';
import { SeeAlsoService } from './see-also/see-also.service';

/** Every capability, wired to the graph once; resolvers reach them through the context. */
export interface Services {
  config: Config;
  graph: Graph;
  entries: EntriesRepository;
  sources: SourcesRepository;
  navigation: NavigationRepository;
  evidence: EvidenceRepository;
  search: SearchRepository;
  seeAlso: SeeAlsoService;
  crossLink: CrossLinkService;
  ingest: IngestService;
}

export function createServices(config: Config, graph: Graph): Services {
  const crossLink = new CrossLinkService(graph);
  return {
    config,
    graph,
    entries: new EntriesRepository(graph),
    sources: new SourcesRepository(graph),
    navigation: new NavigationRepository(graph),
    evidence: new EvidenceRepository(graph),
    search: new SearchRepository(graph),
    seeAlso: new SeeAlsoService(graph),
    crossLink,
    ingest: new IngestService(graph, () => crossLink.invalidate()),
  };
}
