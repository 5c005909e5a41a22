import type { ConstructResolvers, Resolvers } from '../generated/graphql';

/**
 * Field resolvers every entry type shares. Every kind's concrete type has
 * the fields of `interface Entry`, so the generated type of any one kind
 * describes them; the schema assembly gives them to each kind's type.
 */
export type EntryFieldResolvers = Omit<ConstructResolvers, '__isTypeOf'>;

/** What a capability adds to the schema: its resolvers, and the entry fields it resolves. */
export interface CapabilityResolvers {
  resolvers: Resolvers;
  entryFields?: EntryFieldResolvers;
}
