import type { FunctionDef } from '@backend/runtime/handler';

export const audit: FunctionDef<'audit'> = {};
