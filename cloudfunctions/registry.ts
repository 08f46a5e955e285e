import type { FunctionName } from '@domain/api';
import type { FunctionDef } from '@backend/runtime/handler';
import { identity } from './identity/actions';
import { catalogue } from './catalogue/actions';
import { points } from './points/actions';
import { grid } from './grid/actions';
import { ledger } from './ledger/actions';
import { shop } from './shop/actions';
import { fund } from './fund/actions';
import { audit } from './audit/actions';
import { publicity } from './publicity/actions';
import { ranking } from './ranking/actions';
import { veto } from './veto/actions';
import { jobs } from './jobs/actions';
import { events } from './events/actions';
import { patrol } from './patrol/actions';
import { assessment } from './assessment/actions';
import { org } from './org/actions';
import { notices } from './notices/actions';
import { sheets } from './sheets/actions';
import { units } from './units/actions';

/** Every function by name: the local server and the tests host exactly these handlers. */
export const FUNCTIONS: { [F in FunctionName]: FunctionDef<F> } = {
  identity,
  catalogue,
  points,
  grid,
  ledger,
  shop,
  fund,
  audit,
  publicity,
  ranking,
  veto,
  jobs,
  events,
  patrol,
  assessment,
  org,
  notices,
  sheets,
  units,
};
