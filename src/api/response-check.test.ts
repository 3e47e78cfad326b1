import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkResponsesByDefault, firstDifference, responseSerializerCompiler } from './response-check.ts';

const answer = z.object({ id: z.string(), tags: z.array(z.object({ name: z.string() })) });

async function appAnswering(body: unknown, check: boolean) {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler(check));
  app.get('/thing', { schema: { response: { 200: answer } } }, async () => body);
  await app.ready();
  return app;
}

describe('response checking', () => {
  it('is on under the test runner, and can be turned off or on by the environment', () => {
    assert.equal(checkResponsesByDefault(), true);
    assert.equal(
      checkResponsesByDefault({ NODE_TEST_CONTEXT: 'child-v8', WATCHKEEPER_CHECK_RESPONSES: '0' }),
      false,
    );
    assert.equal(checkResponsesByDefault({}), false);
    assert.equal(checkResponsesByDefault({ WATCHKEEPER_CHECK_RESPONSES: '1' }), true);
  });

  it('names the first field the schema would drop or change', () => {
    assert.equal(firstDifference({ a: 1, b: [{ c: 2 }] }, { a: 1, b: [{ c: 2 }] }), null);
    assert.equal(
      firstDifference({ a: 1, b: [{ c: 2, d: 3 }] }, { a: 1, b: [{ c: 2 }] }),
      '.b[0].d: not in the schema',
    );
    assert.match(firstDifference([1, 2], [1]) ?? '', /2 items became 1/);
  });

  it('lets a documented answer through unchanged', async () => {
    const app = await appAnswering({ id: 'x', tags: [{ name: 'a' }] }, true);
    const r = await app.inject({ url: '/thing' });
    assert.equal(r.statusCode, 200);
    assert.deepEqual(r.json(), { id: 'x', tags: [{ name: 'a' }] });
  });

  it('refuses an answer with an undocumented field or a wrong type when checking, naming the field', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      const extra = await appAnswering({ id: 'x', tags: [{ name: 'a', secret: 1 }] }, true);
      assert.equal((await extra.inject({ url: '/thing' })).statusCode, 500);
      const wrong = await appAnswering({ id: 7, tags: [] }, true);
      assert.equal((await wrong.inject({ url: '/thing' })).statusCode, 500);
    } finally {
      console.error = original;
    }
    assert.match(
      errors[0],
      /GET \/thing answered 200 outside its documented schema: \.tags\[0\]\.secret: not in the schema/,
    );
    assert.match(errors[1], /id/);
  });

  it('writes answers as they are when not checking (production)', async () => {
    const app = await appAnswering({ id: 'x', tags: [], more: true }, false);
    const r = await app.inject({ url: '/thing' });
    assert.equal(r.statusCode, 200);
    assert.deepEqual(r.json(), { id: 'x', tags: [], more: true });
  });
});
