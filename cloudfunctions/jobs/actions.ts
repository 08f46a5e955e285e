import type { FunctionDef } from '@backend/runtime/handler';

export const jobs: FunctionDef<'jobs'> = {};
