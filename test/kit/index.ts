/**
 * The test kit: start the app (`useTestApp`), build data through the API (people,
 * households, policies, invitations, advisors) and assert on the stored graph through named
 * statements (`graph`). Integration tests import from here.
 */
export * from './app';
export * from './identifiers';
export * from './people';
export * from './family';
export * from './policies';
export * from './invitations';
export * from './advisors';
export * from './graph';
export * from './logs';
export * from './customers';
export * from './contact';
