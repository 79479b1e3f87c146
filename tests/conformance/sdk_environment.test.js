// The official Management SDK against the emulator: webhooks, preview configuration, content validation,
// users, and the environment endpoints (information, rename, clone, cloning state, mark as production,
// delete), starting from the sample seed.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator, clientFor, sampleId } = require('./emulator');

let emulator;
let client;
test.before(async () => {
  emulator = await startEmulator();
  client = clientFor(emulator.ready);
});
test.after(async () => {
  assert.equal(await emulator.stop(), 0);
});

test('webhooks: list, get, add, disable, enable, delete', async () => {
  const list = await client.listWebhooks().toPromise();
  assert.equal(list.data.webhooks.length, 1);
  const hook = await client.getWebhook().byId(sampleId('webhook/publishing')).toPromise();
  assert.equal(hook.data.name, 'Publishing notifications');
  assert.equal(hook.data.deliveryTriggers.slot, 'published');
  assert.deepEqual(hook.data.deliveryTriggers.contentItem.filters.languages, [{ id: sampleId('language/de-DE') }]);

  const added = await client.addWebhook().withData({
    name: 'All events', url: 'https://hooks.example.com/all', secret: 'a-secret-of-sufficient-length',
    headers: [{ key: 'X-Test', value: '1' }],
    delivery_triggers: { slot: 'preview', events: 'all' },
  }).toPromise();
  assert.equal(added.data.name, 'All events');
  assert.equal(added.data.enabled, true);
  await client.disableWebhook().byId(added.data.id).toPromise();
  assert.equal((await client.getWebhook().byId(added.data.id).toPromise()).data.enabled, false);
  await client.enableWebhook().byId(added.data.id).toPromise();
  assert.equal((await client.getWebhook().byId(added.data.id).toPromise()).data.enabled, true);
  await client.deleteWebhook().byId(added.data.id).toPromise();
  assert.equal((await client.listWebhooks().toPromise()).data.webhooks.length, 1);
});

test('preview configuration: get and modify', async () => {
  const preview = await client.getPreviewConfiguration().toPromise();
  assert.deepEqual(preview.data.spaceDomains.map((d) => d.domain), ['www.example.com', 'help.example.com']);
  assert.equal(preview.data.previewUrlPatterns[0].contentType.id, sampleId('type/article'));
  const modified = await client.modifyPreviewConfiguration().withData({
    space_domains: [{ space: { id: sampleId('space/website') }, domain: 'www.example.org' }],
    preview_url_patterns: [{ content_type: { id: sampleId('type/author') },
      url_patterns: [{ space: null, url_pattern: 'https://preview.example.org/authors/{Codename}' }] }],
  }).toPromise();
  assert.deepEqual(modified.data.spaceDomains.map((d) => d.domain), ['www.example.org']);
  assert.equal(modified.data.previewUrlPatterns[0].contentType.id, sampleId('type/author'));
  const again = await client.getPreviewConfiguration().toPromise();
  assert.deepEqual(again.data._raw, modified.data._raw);
});

test('preview configuration: references by codename come back as ids', async () => {
  const modified = await client.modifyPreviewConfiguration().withData({
    space_domains: [{ space: { codename: 'website' }, domain: 'www.example.org' }],
    preview_url_patterns: [{ content_type: { codename: 'author' },
      url_patterns: [{ space: { codename: 'help_center' }, url_pattern: 'https://{Space}/authors/{Codename}' }] }],
  }).toPromise();
  assert.deepEqual(modified.data._raw.space_domains[0].space, { id: sampleId('space/website') });
  assert.deepEqual(modified.data._raw.preview_url_patterns[0].content_type, { id: sampleId('type/author') });
  assert.deepEqual(modified.data._raw.preview_url_patterns[0].url_patterns[0].space, { id: sampleId('space/help_center') });
});

test('validation: start, check, list issues', async () => {
  await client.addContentItem().withData({ name: 'Dangling', codename: 'dangling', type: { codename: 'author' } })
    .toPromise();
  await client.upsertLanguageVariant().byItemCodename('dangling').byLanguageCodename('en-US').withData((builder) => ({
    elements: [
      builder.textElement({ element: { codename: 'name' }, value: 'Dangling' }),
      builder.assetElement({ element: { codename: 'photo' }, value: [{ external_id: 'asset-not-imported-yet' }] }),
    ],
  })).toPromise();
  const started = await client.startEnvironmentValidation().toPromise();
  assert.ok(started.data.id);
  let status = started.data.status;
  for (let polls = 0; status !== 'finished' && polls < 20; ++polls) {
    status = (await client.checkEnvironmentValidation().byTaskId(started.data.id).toPromise()).data.status;
  }
  assert.equal(status, 'finished');
  const issues = await client.listEnvironmentValidationIssues().byTaskId(started.data.id).toPromise();
  const dangling = issues.data.items.find((i) => i.item && i.item.codename === 'dangling');
  assert.ok(dangling, 'the variant with an unresolved asset reference is reported');
  assert.equal(dangling.language.codename, 'en-US');
  assert.ok(dangling.issues.length > 0);
});

test('users: invite and change roles', async () => {
  const invited = await client.inviteUser().withData({
    email: 'barista@example.com',
    collection_groups: [{ collections: [], roles: [{ id: sampleId('role/editor'), languages: [] }] }],
  }).toPromise();
  assert.ok(invited.data.userId);
  assert.equal(invited.data.collectionGroups[0].roles[0].id, sampleId('role/editor'));
  const changed = await client.changeUserRoles().byEmail('barista@example.com').withData({
    collection_groups: [{ collections: [{ codename: 'marketing' }], roles: [{ codename: 'project-manager', languages: [] }] }],
  }).toPromise();
  assert.equal(changed.data.collectionGroups.length, 1);
});

test('environment: information, rename, clone, cloning state, mark as production, delete', async () => {
  const info = await client.environmentInformation().toPromise();
  assert.equal(info.data.project.id, emulator.ready.environments[0].id);
  assert.equal(info.data.project.environment, 'Production');
  const renamed = await client.modifyEnvironment().withData([{ op: 'rename_environment', value: 'Old production' }])
    .toPromise();
  assert.equal(renamed.data.name, 'Old production');

  const clone = await client.cloneEnvironment().withData({
    name: 'Staging', copy_data_options: { content_items_assets: true, content_item_version_history: false },
  }).toPromise();
  assert.ok(clone.data.id);
  const cloned = clientFor({ ...emulator.ready, environments: [{ id: clone.data.id }] });
  let state = '';
  for (let polls = 0; state !== 'done' && polls < 20; ++polls) {
    state = (await cloned.getEnvironmentCloningState().toPromise()).data.cloningInfo.cloningState;
  }
  assert.equal(state, 'done');
  assert.equal((await cloned.listContentItems().toAllPromise()).data.items.length, 9);  // the sample's and 'dangling'
  assert.equal((await cloned.environmentInformation().toPromise()).data.project.environment, 'Staging');

  await cloned.markEnvironmentAsProduction().withData({ enable_webhooks: false }).toPromise();
  await client.deleteEnvironment().toPromise();
  await assert.rejects(client.environmentInformation().toPromise());
  assert.equal((await cloned.listLanguages().toPromise()).data.items.length, 3);
});
