// The official Management SDK against the emulator's strict write-side rules (issue 11): element values
// (date-times, time zones, URL slug modes, reference forms, length limits), content validation of type
// limits and rich-text references, codename and external-id rules, the spec's error codes, items' spaces,
// renditions of their asset, folder before/after, project-wide roles and the seed's asset type.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator, clientFor, sampleId } = require('./emulator');

let emulator;
let client;
test.before(async () => {
  emulator = await startEmulator({ environments: 2 });
  client = clientFor(emulator.ready);
});
test.after(async () => {
  assert.equal(await emulator.stop(), 0);
});

const invalidBody = (fragment) => (error) => {
  assert.equal(error.errorCode, 5, JSON.stringify(error.originalError?.response?.data));
  if (fragment) {
    const messages = (error.validationErrors || []).map((e) => e.message).join(' | ');
    assert.ok(messages.includes(fragment), `"${fragment}" not in: ${messages}`);
  }
  return true;
};
const status = (code) => (error) => error.originalError?.response?.status === code;
const errorCode = (code) => (error) => {
  assert.equal(error.errorCode, code);
  return true;
};

async function draftItem(codename, type = 'article') {
  await client.addContentItem().withData({ name: codename, codename, type: { codename: type } }).toPromise();
  return (elements) => client.upsertLanguageVariant().byItemCodename(codename).byLanguageCodename('en-US')
    .withData(elements).toPromise();
}

test('element values: date-times, display time zones, URL slug modes, reference forms', async () => {
  const upsert = await draftItem('rules_values');
  await assert.rejects(upsert((b) => ({
    elements: [b.dateTimeElement({ element: { codename: 'publish_date' }, value: '31/12/2026' })],
  })), invalidBody('ISO-8601'));
  await assert.rejects(upsert((b) => ({
    elements: [b.dateTimeElement({ element: { codename: 'publish_date' }, value: '2026-05-01T10:00:00Z',
      display_timezone: 'Europe/Kiev' })],
  })), invalidBody('display_timezone'));
  await assert.rejects(upsert((b) => ({
    elements: [b.urlSlugElement({ element: { codename: 'slug' } })],
  })), invalidBody('mode'));
  await assert.rejects(upsert((b) => ({
    elements: [b.assetElement({ element: { codename: 'hero_image' }, value: [{ codename: 'coffee_beans' }] })],
  })), invalidBody('not by codename'));
  await assert.rejects(upsert((b) => ({
    elements: [b.multipleChoiceElement({ element: { codename: 'format' }, value: [{ external_id: 'recipe' }] })],
  })), invalidBody('not by external_id'));
  await assert.rejects(upsert((b) => ({
    elements: [b.textElement({ element: { codename: 'title' }, value: 'x'.repeat(100001) })],
  })), invalidBody('100000'));

  const ok = await upsert((b) => ({
    elements: [
      b.dateTimeElement({ element: { codename: 'publish_date' }, value: '2026-05-01T12:00:00+02:00',
        display_timezone: 'Europe/Kyiv' }),
      b.urlSlugElement({ element: { codename: 'slug' }, value: 'hand-written' }),
      b.assetElement({ element: { codename: 'hero_image' }, value: [{ id: sampleId('asset/coffee_beans') }] }),
      b.multipleChoiceElement({ element: { codename: 'format' }, value: [{ codename: 'recipe' }] }),
      b.textElement({ element: { codename: 'title' }, value: null }),
    ],
  }));
  const slug = ok.data.elements.find((e) => e.element.id === sampleId('element/article/slug'));
  assert.equal(slug.mode, 'custom');
  assert.equal(slug.value, 'hand-written');
});

test('content validation reports type limits and rich-text references the upsert accepted', async () => {
  await client.addContentType().withData(() => ({
    name: 'Limited', codename: 'limited',
    elements: [
      { name: 'Short', codename: 'short', type: 'text', maximum_text_length: { value: 5, applies_to: 'characters' } },
      { name: 'Body', codename: 'body', type: 'rich_text' },
    ],
  })).toPromise();
  const upsert = await draftItem('rules_limited', 'limited');
  await upsert((b) => ({
    elements: [
      b.textElement({ element: { codename: 'short' }, value: 'far too long' }),
      b.richTextElement({ element: { codename: 'body' },
        value: '<p><a data-item-external-id="rules-never-created">later</a></p>' }),
    ],
  }));
  const started = await client.startEnvironmentValidation().toPromise();
  let state = started.data.status;
  for (let polls = 0; state !== 'finished' && polls < 20; ++polls) {
    state = (await client.checkEnvironmentValidation().byTaskId(started.data.id).toPromise()).data.status;
  }
  const issues = await client.listEnvironmentValidationIssues().byTaskId(started.data.id).toPromise();
  const limited = issues.data.items.find((i) => i.item && i.item.codename === 'rules_limited');
  assert.ok(limited, 'the variant breaking its limits is reported');
  const messages = JSON.stringify(limited.issues);
  assert.ok(messages.includes('at most 5'), messages);
  assert.ok(messages.includes('rich text references a content item'), messages);
});

test('codenames and external ids: terms, collections, spaces, languages, folders, webhooks', async () => {
  await assert.rejects(client.addTaxonomy().withData({
    name: 'Bad terms', terms: [{ name: 'A', codename: 'Not-A-Codename', terms: [] }],
  }).toPromise(), invalidBody('lowercase'));
  await assert.rejects(client.addTaxonomy().withData({
    name: 'Twice', terms: [{ name: 'A', codename: 'same', terms: [] }, { name: 'B', codename: 'same', terms: [] }],
  }).toPromise(), invalidBody('more than once'));
  await assert.rejects(client.addSpace().withData({ name: 'S', codename: 's'.repeat(211) }).toPromise(),
    invalidBody('210'));
  const long = await client.addSpace().withData({ name: 'Long', codename: 's'.repeat(210) }).toPromise();
  assert.equal(long.data.codename.length, 210);
  await assert.rejects(client.addLanguage().withData({ name: 'A language name far too long', codename: 'xx-XX' })
    .toPromise(), invalidBody('25'));
  await assert.rejects(client.addWebhook().withData({
    name: 'No secret', url: 'https://hooks.example.com/x', delivery_triggers: { slot: 'published', events: 'all' },
  }).toPromise(), invalidBody('secret'));
  await assert.rejects(client.modifyAssetFolders().withData([{
    op: 'addInto', value: { name: 'Both', folders: [] },
    before: { external_id: 'folder-documents' }, after: { external_id: 'folder-documents' },
  }]).toPromise(), invalidBody('mutually exclusive'));
  await assert.rejects(client.modifyAssetFolders().withData([{
    op: 'addInto', value: { name: 'Clash', external_id: 'folder-documents', folders: [] },
  }]).toPromise(), invalidBody('already used'));
});

test('error codes: asset 105, webhook 111, default workflow 235', async () => {
  const nobody = '0b9e6b3e-0000-4000-8000-000000000000';
  await assert.rejects(client.viewAsset().byAssetId(nobody).toPromise(), errorCode(105));
  await assert.rejects(client.getWebhook().byId(nobody).toPromise(), errorCode(111));
  await assert.rejects(client.deleteWorkflow().byWorkflowId(sampleId('workflow/default')).toPromise(), errorCode(235));
});

test('items report the spaces of their collection; renditions belong to their asset', async () => {
  await client.addContentItem().withData({ name: 'Spaced', codename: 'rules_spaced', type: { codename: 'article' },
    collection: { codename: 'knowledge_base' } }).toPromise();
  const item = await client.viewContentItem().byItemCodename('rules_spaced').toPromise();
  assert.deepEqual(item.data._raw.spaces, [{ id: sampleId('space/help_center') }]);

  const rendition = await client.addAssetRendition().byAssetCodename('coffee_beans').withData({
    external_id: 'rules-rendition',
    transformation: { mode: 'rect', x: 0, y: 0, width: 8, height: 8, custom_width: 4, custom_height: 4, fit: 'clip' },
  }).toPromise();
  await assert.rejects(client.viewAssetRendition().byAssetCodename('espresso_shot')
    .byRenditionId(rendition.data.renditionId).toPromise(), status(404));
  const viewed = await client.viewAssetRendition().byAssetCodename('coffee_beans')
    .byRenditionId(rendition.data.renditionId).toPromise();
  assert.equal(viewed.data.assetId, sampleId('asset/coffee_beans'));
});

test('roles are the project\'s; the asset type is the seed\'s in every environment', async () => {
  const other = clientFor(emulator.ready, 1);
  const here = (await client.listRoles().toPromise()).data.roles.map((r) => r.id).sort();
  const there = (await other.listRoles().toPromise()).data.roles.map((r) => r.id).sort();
  assert.ok(here.length > 0);
  assert.deepEqual(there, here);

  await assert.rejects(client.upsertAsset().byAssetExternalId('asset-coffee-beans').withData(() => ({
    elements: [{ element: { id: sampleId('asset_type/element/nope') }, value: [] }],
  })).toPromise(), invalidBody('asset type has no element'));
  const tagged = await client.upsertAsset().byAssetExternalId('asset-coffee-beans').withData(() => ({
    elements: [{ element: { id: sampleId('asset_type/element/topics') }, value: [{ codename: 'brewing' }] }],
  })).toPromise();
  assert.deepEqual(tagged.data.elements[0].value.map((v) => v.id), [sampleId('term/topics/brewing')]);
});
