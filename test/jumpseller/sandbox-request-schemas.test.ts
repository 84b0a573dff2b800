// The sandbox's request schemas are the official file's (SPEC §7.6): derived from
// ../shared/jumpseller/openapi.json at runtime, and the built-in copy used when that file is absent
// is exactly what the file derives — so the sandbox is equally strict with or without ../shared.
import t from 'tap';
import { deriveRequestSchemas, loadOfficialRequestSchemas, normalize, OFFICIAL_SPEC_FILE } from '../../src/sandbox/jumpseller/api/official-request-schemas.js';
import { BUILT_IN, productUpdateBody, requestSchemaSource } from '../../src/sandbox/jumpseller/api/request-schemas.js';
import { missingSpec } from './official-spec.js';

const skip = missingSpec();
if (skip) t.comment(skip);

t.test('the built-in copy equals what the official file derives', { skip: skip ?? false }, async (t) => {
  const loaded = loadOfficialRequestSchemas();
  if (!loaded.schemas) throw new Error(loaded.reason);
  t.same(BUILT_IN, loaded.schemas, 'the built-in schemas are the official ones (update BUILT_IN when the file changes)');
  t.same(requestSchemaSource, { source: 'official', file: OFFICIAL_SPEC_FILE }, 'the sandbox reads the official file when it is there');
  t.same(productUpdateBody, loaded.schemas.productUpdate, 'and uses its schemas');
});

t.test('nullable only where the file says so; $refs inlined; documentation dropped', async (t) => {
  const spec = {
    components: {
      schemas: {
        Inner: { type: 'object', properties: { n: { type: 'number', nullable: true, description: 'x', format: 'float', default: 1 } } },
        Outer: { type: 'object', required: ['a'], properties: { a: { type: 'string' }, inner: { $ref: '#/components/schemas/Inner' }, list: { type: 'array', items: { $ref: '#/components/schemas/Inner' } } } },
      },
    },
  };
  const inner = { type: 'object', additionalProperties: false, properties: { n: { type: ['number', 'null'] } } };
  const components = spec.components.schemas as Record<string, Record<string, unknown>>;
  t.same(normalize({ $ref: '#/components/schemas/Outer' }, components), {
    type: 'object', additionalProperties: false, required: ['a'],
    properties: { a: { type: 'string' }, inner, list: { type: 'array', items: inner } },
  });
  t.same(normalize({ type: 'integer', format: 'int32', default: 100 }, components), { type: 'integer' }, 'not nullable unless the file says so');
  t.throws(() => deriveRequestSchemas(spec), /not in the spec/, 'a file without the product schemas is unusable');
});

t.test('an absent file is reported, not guessed', async (t) => {
  const r = loadOfficialRequestSchemas('/nonexistent/openapi.json');
  t.equal(r.schemas, null);
  t.match(r, { reason: /not found/ });
});
