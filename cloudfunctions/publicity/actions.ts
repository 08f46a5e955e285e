import type { FunctionDef } from '@backend/runtime/handler';

export const publicity: FunctionDef<'publicity'> = {};
