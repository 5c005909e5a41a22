import type { Config } from './config';
import { CrossLinkService } from './cross-link/cross-link.service';
import { EditingService } from './editing/editing.service';
import { PublicWriteLimiter } from './editing/rate-limit';
import { EntriesRepository } from './entries/entries.repository';
import { EvidenceRepository } from './evidence/evidence.repository';
import { EvidenceService } from './evidence/evidence.service';
import { readSynonymList } from './evidence/synonyms';
import { SourcesRepository } from './evidence/sources.repository';
import type { Graph } from './graph/graph';
import { GraphWrites, type Consequences } from './graph-changes/graph-change';
import { IngestService } from './ingest/ingest.service';
import { RevisionsRepository } from './revisions/revisions.repository';
import { NavigationRepository } from './navigation/navigation.repository';
import { SearchRepository } from './search/search.repository';
import { PanelRefresher } from './see-also/panels';
import { SeeAlsoRepository } from './see-also/see-also.repository';
import { SeeAlsoService } from './see-also/see-also.service';

/** Every capability, wired to the graph once; resolvers reach them through the context. */
export interface Services {
  config: Config;
  graph: Graph;
  entries: EntriesRepository;
  sources: SourcesRepository;
  navigation: NavigationRepository;
  evidence: EvidenceService;
  search: SearchRepository;
  seeAlso: SeeAlsoService;
  /** Ranks stale see-also panels in the background; started by the server. */
  seeAlsoPanels: PanelRefresher;
  crossLink: CrossLinkService;
  ingest: IngestService;
  /** Editors' curation and readers' upvotes and suggestions. */
  editing: EditingService;
  /** Entries' revisions and claims' earlier versions. */
  revisions: RevisionsRepository;
}

export function createServices(config: Config, graph: Graph): Services {
  const crossLink = new CrossLinkService(graph);
  const entries = new EntriesRepository(graph);
  const sources = new SourcesRepository(graph);
  const seeAlso = new SeeAlsoRepository(graph);
  const seeAlsoPanels = new PanelRefresher(seeAlso, config.seeAlsoPanels);
  const evidence = new EvidenceService(new EvidenceRepository(graph), readSynonymList());
  // Writes that change names: the cross-link dictionary and the evidence expander are rebuilt; every write: the panels it marked are ranked soon.
  const onGraphChanged = ({ vocabularyChanged }: Consequences) => {
    if (vocabularyChanged) {
      crossLink.invalidate();
      evidence.invalidate();
    }
    seeAlsoPanels.poke();
  };
  const writes = new GraphWrites(graph, onGraphChanged);
  const ingest = new IngestService(writes);
  return {
    config,
    graph,
    entries,
    sources,
    navigation: new NavigationRepository(graph),
    evidence,
    search: new SearchRepository(graph),
    seeAlso: new SeeAlsoService(seeAlso),
    seeAlsoPanels,
    crossLink,
    ingest,
    editing: new EditingService(graph, writes, ingest, entries, sources, new PublicWriteLimiter(graph, config.rateLimitPerMinute)),
    revisions: new RevisionsRepository(graph),
  };
}
