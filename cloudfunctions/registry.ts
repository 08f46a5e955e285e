import type { FunctionName } from '@domain/api';
import type { FunctionDef } from '@backend/runtime/handler';
import { identity } from './identity/actions';
import { catalogue } from './catalogue/actions';
import { points } from './points/actions';
import { grid } from './grid/actions';

/** Every function by name: the local server and the tests host exactly these handlers. */
export const FUNCTIONS: { [F in FunctionName]: FunctionDef<F> } = { identity, catalogue, points, grid };
