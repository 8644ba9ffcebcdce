// The published results schema (schemas/results-v1.schema.json), compiled with ajv for tests.
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

export function resultsValidator() {
  // ajv leaves formats to ajv-formats; RFC 3339 date-time is all the schema uses, so it is defined here.
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true }).addFormat(
    'date-time',
    (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)),
  );
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'results-v1.schema.json'), 'utf8')));
}
