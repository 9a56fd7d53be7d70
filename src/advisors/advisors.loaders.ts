/** Advisors' per-request DataLoaders: advisor records by advisorId (null: unknown) and each advisor's household count. */
import DataLoader from 'dataloader';
import type { Context } from '../graphql/context';
import type { AdvisorRecord } from './advisors.model';
import type { AdvisorsService } from './advisors.service';

export interface AdvisorsLoaders {
  advisorById: DataLoader<string, AdvisorRecord | null>;
  advisorHouseholdCount: DataLoader<string, number>;
}

export type AdvisorsContext = Context<{ advisors: AdvisorsService }, AdvisorsLoaders>;

export function createAdvisorsLoaders(advisors: AdvisorsService): AdvisorsLoaders {
  return {
    advisorById: new DataLoader((ids) => advisors.advisorsById(ids)),
    advisorHouseholdCount: new DataLoader((ids) => advisors.householdCounts(ids)),
  };
}
