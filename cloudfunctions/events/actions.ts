import type { FunctionDef } from '@backend/runtime/handler';

export const events: FunctionDef<'events'> = {};
