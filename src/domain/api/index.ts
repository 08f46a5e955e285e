import type { IdentityApi } from './identity';
import type { CatalogueApi } from './catalogue';
import type { PointsApi } from './points';
import type { GridApi } from './grid';
import type { LedgerApi } from './ledger';
import type { ShopApi } from './shop';
import type { FundApi } from './fund';
import type { AuditApi } from './audit';
import type { PublicityApi } from './publicity';
import type { RankingApi } from './ranking';
import type { VetoApi } from './veto';
import type { JobsApi } from './jobs';
import type { EventsApi } from './events';
import type { PatrolApi } from './patrol';
import type { AssessmentApi } from './assessment';
import type { OrgApi } from './org';
import type { NoticesApi } from './notices';
import type { SheetsApi } from './sheets';
import type { UnitsApi } from './units';

/** Every cloud function and its actions: the one contract the client and the functions share. */
export interface Api {
  identity: IdentityApi;
  catalogue: CatalogueApi;
  points: PointsApi;
  grid: GridApi;
  ledger: LedgerApi;
  shop: ShopApi;
  fund: FundApi;
  audit: AuditApi;
  publicity: PublicityApi;
  ranking: RankingApi;
  veto: VetoApi;
  jobs: JobsApi;
  events: EventsApi;
  patrol: PatrolApi;
  assessment: AssessmentApi;
  org: OrgApi;
  notices: NoticesApi;
  sheets: SheetsApi;
  units: UnitsApi;
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
type Entry<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { input: infer I; output: infer O }
  ? { input: I; output: O }
  : never;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Entry<F, A>['input'];
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = Entry<F, A>['output'];

export type { ApplicationView } from './points';
export type { WhoAmI, HouseholdView, MemberView } from './identity';
export type { GridHouseholdView } from './grid';
