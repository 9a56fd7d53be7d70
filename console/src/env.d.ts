/** Set by console/vite.config.mts: whether schema/schema.graphql has the revealIdentifiers mutation. */
declare const __KINGRAPH_REVEAL__: boolean;
