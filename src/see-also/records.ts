import type { RankedEntry } from './ranking';

export interface SeeAlsoEdgeRecord extends RankedEntry {
  cursor: string;
}
