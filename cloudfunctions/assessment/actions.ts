import type { FunctionDef } from '@backend/runtime/handler';

export const assessment: FunctionDef<'assessment'> = {};
