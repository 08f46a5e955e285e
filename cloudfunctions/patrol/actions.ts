import type { FunctionDef } from '@backend/runtime/handler';

export const patrol: FunctionDef<'patrol'> = {};
