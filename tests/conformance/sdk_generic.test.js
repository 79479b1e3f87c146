// The SDK's generic queries (client.get/post/put/delete().withAction(...)) against the emulator for the
// endpoints the SDK has no typed method for: legacy webhooks and the deprecated workflow, unpublish and
// synchronous validation endpoints. Starts from the sample seed.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator, clientFor, sampleId } = require('./emulator');

const PUBLISHED = 'c199950d-99f0-4983-b711-6c4c91624b22';
const SCHEDULED = '9d2b0228-4d0d-4c23-8b49-01a698857709';
const ARCHIVED = '7a535a69-ad34-47f8-806a-def1fdf4d391';

let emulator;
let client;
let env;
test.before(async () => {
  emulator = await startEmulator();
  client = clientFor(emulator.ready);
  env = `projects/${emulator.ready.environments[0].id}`;
});
test.after(async () => {
  assert.equal(await emulator.stop(), 0);
});

test('legacy webhooks: add, list, get, disable, enable, delete', async () => {
  const added = await client.post().withAction(`${env}/webhooks`).withData({
    name: 'Legacy', url: 'https://hooks.example.com/legacy', secret: 'legacy-secret-value',
    triggers: {
      delivery_api_content_changes: [{ type: 'content_item_variant', operations: ['publish', 'unpublish'] }],
      workflow_step_changes: [{ type: 'content_item_variant', transitions_to: [{ id: sampleId('step/default/review') }] }],
    },
  }).toPromise();
  assert.equal(added.rawData.name, 'Legacy');
  const id = added.rawData.id;
  assert.ok(id);
  const list = await client.get().withAction(`${env}/webhooks`).toPromise();
  assert.ok(list.rawData.some((w) => w.id === id));
  const one = await client.get().withAction(`${env}/webhooks/${id}`).toPromise();
  assert.deepEqual(one.rawData.triggers.delivery_api_content_changes[0].operations, ['publish', 'unpublish']);
  await client.put().withAction(`${env}/webhooks/${id}/disable`).withData({}).toPromise();
  assert.equal((await client.get().withAction(`${env}/webhooks/${id}`).toPromise()).rawData.enabled, false);
  await client.put().withAction(`${env}/webhooks/${id}/enable`).withData({}).toPromise();
  assert.equal((await client.get().withAction(`${env}/webhooks/${id}`).toPromise()).rawData.enabled, true);
  await client.delete().withAction(`${env}/webhooks/${id}`).toPromise();
  await assert.rejects(client.get().withAction(`${env}/webhooks/${id}`).toPromise());
});

// Known emulator gap (README.md): only the regular steps are listed.
test('deprecated: workflow steps of the default workflow', async () => {
  const steps = await client.get().withAction(`${env}/workflow`).toPromise();
  const ids = steps.rawData.map((s) => s.id);
  for (const id of [sampleId('step/default/draft'), sampleId('step/default/review'), PUBLISHED, SCHEDULED, ARCHIVED]) {
    assert.ok(ids.includes(id), `GET /workflow lists step ${id}`);
  }
  const draft = steps.rawData.find((s) => s.id === sampleId('step/default/draft'));
  assert.equal(draft.codename, 'draft');
  assert.ok(draft.transitions_to.includes(sampleId('step/default/review')));
});

test('deprecated: change the workflow step of a variant', async () => {
  await client.put()
    .withAction(`${env}/items/codename/home/variants/codename/cs-CZ/workflow/${sampleId('step/default/review')}`)
    .withData({}).toPromise();
  const variant = await client.viewLanguageVariant().byItemCodename('home').byLanguageCodename('cs-CZ').toPromise();
  assert.equal(variant.data.workflow.stepIdentifier.id, sampleId('step/default/review'));
});

// Known emulator gap (README.md): the variant is archived instead.
test('deprecated: unpublish moves a published variant back to the first step', async () => {
  await client.put().withAction(`${env}/items/codename/jane_doe/variants/codename/cs-CZ/unpublish`).withData({})
    .toPromise();
  const variant = await client.viewLanguageVariant().byItemCodename('jane_doe').byLanguageCodename('cs-CZ').toPromise();
  assert.equal(variant.data.workflow.stepIdentifier.id, sampleId('step/default/draft'));
});

test('deprecated: synchronous validation reports the environment and its issues', async () => {
  const report = await client.post().withAction(`${env}/validate`).withData({}).toPromise();
  assert.equal(report.rawData.project.id, emulator.ready.environments[0].id);
  assert.ok(Array.isArray(report.rawData.variant_issues));
  assert.ok(Array.isArray(report.rawData.type_issues));
});
