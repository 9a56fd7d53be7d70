export * from '../kit/identifiers';
