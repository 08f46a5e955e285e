import type { FunctionDef } from '@backend/runtime/handler';

export const veto: FunctionDef<'veto'> = {};
