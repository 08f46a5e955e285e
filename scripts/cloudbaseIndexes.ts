/** Prints the collections and indexes to create in CloudBase (from backend/db/indexes.ts). */
import { renderCloudbaseIndexInstructions } from '@backend/db/indexes';
import { C } from '@backend/repos/collections';

console.log(`Collections: ${Object.values(C).join(', ')}\n`);
console.log(renderCloudbaseIndexInstructions());
