/**
 * The console runs the committed operations in schema/operations (validated against the
 * served schema by test/unit/schema/operations.test.ts), imported as text at build time.
 */
import familyView from '../../schema/operations/familyView.graphql?raw';
import worklist from '../../schema/operations/worklist.graphql?raw';
import householdSuggestions from '../../schema/operations/householdSuggestions.graphql?raw';
import referralView from '../../schema/operations/referralView.graphql?raw';
import revealIdentifiers from '../../schema/operations/revealIdentifiers.graphql?raw';

export const OPS = { familyView, worklist, householdSuggestions, referralView, revealIdentifiers };

/** Whether the service this console was built with serves revealIdentifiers (see vite.config.mts). */
export const REVEAL_AVAILABLE: boolean = __KINGRAPH_REVEAL__;
