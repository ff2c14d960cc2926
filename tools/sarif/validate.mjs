// Validates the SARIF log on standard input against the SARIF 2.1.0 JSON
// schema shipped in @microsoft/jest-sarif; prints every error and exits 1
// on an invalid log.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
const log = JSON.parse(readFileSync(0, 'utf8'));
const ajv = new Ajv({ allErrors: true, schemaId: 'auto' });
// The SARIF schema is written in JSON Schema draft-04.
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
const validate = ajv.compile(schema);
if (!validate(log)) {
  for (const e of validate.errors) console.log(`${e.dataPath || '/'} ${e.message}`);
  process.exit(1);
}
console.log('valid');
