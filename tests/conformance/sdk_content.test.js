// The official Management SDK against the emulator: assets (binary upload, renditions), content items,
// language variants (every list) and the workflow actions, starting from the sample seed.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator, clientFor, sampleId, download } = require('./emulator');

const PUBLISHED = 'c199950d-99f0-4983-b711-6c4c91624b22';
const SCHEDULED = '9d2b0228-4d0d-4c23-8b49-01a698857709';
const ARCHIVED = '7a535a69-ad34-47f8-806a-def1fdf4d391';

let emulator;
let client;
test.before(async () => {
  emulator = await startEmulator({ pageSize: 3 });  // lists take several pages: continuation tokens
  client = clientFor(emulator.ready);
});
test.after(async () => {
  assert.equal(await emulator.stop(), 0);
});

function stepOf(variant) {
  return variant.workflow.stepIdentifier.id;
}

test('assets: list, view, and the binaries behind their urls', async () => {
  const list = await client.listAssets().toAllPromise();
  const assets = list.data.items;
  assert.deepEqual(assets.map((a) => a.codename), ['coffee_beans', 'espresso_shot', 'kbulk_logo', 'brewing_guide']);
  const beans = await client.viewAsset().byAssetCodename('coffee_beans').toPromise();
  assert.equal(beans.data.id, sampleId('asset/coffee_beans'));
  assert.equal(beans.data.externalId, 'asset-coffee-beans');
  assert.equal(beans.data.imageWidth, 64);
  assert.equal(beans.data.imageHeight, 48);
  assert.equal(beans.data.type, 'image/png');
  assert.equal(beans.data.folder.id, sampleId('folder/coffee_shots'));
  assert.equal(beans.data.collection.reference.id, sampleId('collection/marketing'));
  assert.equal(beans.data.descriptions.length, 3);
  assert.deepEqual(beans.data.elements[0].value.map((v) => v.id),
    [sampleId('term/topics/coffee'), sampleId('term/topics/roasting')]);
  const magic = { 'image/png': '89504e47', 'image/jpeg': 'ffd8ffe0', 'image/svg+xml': '3c3f786d', 'application/pdf': '25504446' };
  for (const a of assets) {
    const response = await download(a.url);
    assert.equal(response.status, 200, a.url);
    const bytes = response.body;
    assert.equal(bytes.length, a.size, a.codename);
    assert.equal(bytes.subarray(0, 4).toString('hex'), magic[a.type], a.codename);
  }
});

test('assets: upload a binary, add, upsert, delete', async () => {
  const bytes = Buffer.from('GIF89a\x02\x00\x03\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff,\x00\x00\x00\x00\x02\x00\x03\x00\x00\x02\x02\x84\x51\x00;', 'latin1');
  const file = await client.uploadBinaryFile().withData({
    binaryData: bytes, contentType: 'image/gif', contentLength: bytes.length, filename: 'dot.gif',
  }).toPromise();
  assert.ok(file.data.id);
  assert.equal(file.data.type, 'internal');
  const added = await client.addAsset().withData(() => ({
    file_reference: { id: file.data.id, type: 'internal' },
    title: 'Dot', external_id: 'asset-dot', folder: { external_id: 'folder-documents' },
    collection: { reference: { codename: 'marketing' } },
    descriptions: [{ language: { codename: 'de-DE' }, description: 'Ein Punkt' }],
  })).toPromise();
  assert.equal(added.data.fileName, 'dot.gif');
  assert.equal(added.data.size, bytes.length);
  assert.equal(added.data.imageWidth, 2);
  assert.equal(added.data.imageHeight, 3);
  assert.equal(added.data.folder.id, sampleId('folder/documents'));
  const served = (await download(added.data.url)).body;
  assert.ok(served.equals(bytes));

  const upserted = await client.upsertAsset().byAssetExternalId('asset-dot').withData(() => ({
    title: 'Dot (upserted)', descriptions: [{ language: { codename: 'en-US' }, description: 'A dot' }],
  })).toPromise();
  assert.equal(upserted.data.id, added.data.id);
  assert.equal(upserted.data.title, 'Dot (upserted)');
  await client.deleteAsset().byAssetExternalId('asset-dot').toPromise();
  await assert.rejects(client.viewAsset().byAssetExternalId('asset-dot').toPromise());
});

test('assets: upload from a url (the emulator serves the source binary)', async () => {
  const beans = await client.viewAsset().byAssetCodename('coffee_beans').toPromise();
  const copy = await client.uploadAssetFromUrl().withData({
    binaryFile: { filename: 'beans-copy.png' },
    fileUrl: beans.data.url,
    asset: { title: 'Beans (copy)', external_id: 'asset-beans-copy', collection: { reference: { codename: 'default' } } },
  }).toPromise();
  assert.equal(copy.data.fileName, 'beans-copy.png');
  assert.equal(copy.data.size, beans.data.size);
  assert.equal(copy.data.imageWidth, 64);
  await client.deleteAsset().byAssetExternalId('asset-beans-copy').toPromise();
});

test('asset renditions: add, list, view, modify', async () => {
  const asset = client.addAssetRendition().byAssetCodename('coffee_beans');
  const added = await asset.withData({
    external_id: 'rendition-square',
    transformation: { mode: 'rect', x: 0, y: 0, width: 48, height: 48, custom_width: 24, custom_height: 24, fit: 'clip' },
  }).toPromise();
  assert.equal(added.data.assetId, sampleId('asset/coffee_beans'));
  assert.equal(added.data.externalId, 'rendition-square');
  const list = await client.listAssetRenditions().byAssetCodename('coffee_beans').toPromise();
  assert.equal(list.data.items.length, 2, 'the seeded square rendition and the added one');
  const viewed = await client.viewAssetRendition().byAssetCodename('coffee_beans')
    .byRenditionExternalId('rendition-square').toPromise();
  assert.equal(viewed.data.renditionId, added.data.renditionId);
  const modified = await client.modifyAssetRendition().byAssetCodename('coffee_beans')
    .byRenditionId(added.data.renditionId).withData({
      transformation: { mode: 'rect', x: 8, y: 0, width: 40, height: 40, custom_width: 20, custom_height: 20, fit: 'clip' },
    }).toPromise();
  assert.equal(modified.data.transformation.x, 8);
});

test('content items: list, view, add, upsert, update, delete', async () => {
  const list = await client.listContentItems().toAllPromise();
  assert.equal(list.data.items.length, 8);
  assert.equal(list.responses.length, 3, 'eight items in pages of three');
  const roasts = await client.viewContentItem().byItemCodename('on_roasts').toPromise();
  assert.equal(roasts.data.id, sampleId('item/on_roasts'));
  assert.equal(roasts.data.externalId, 'article-on-roasts');
  assert.equal(roasts.data.type.id, sampleId('type/article'));
  assert.equal(roasts.data.collection.id, sampleId('collection/marketing'));
  assert.deepEqual(roasts.data.spaces.map((s) => s.id), [sampleId('space/website')]);

  const added = await client.addContentItem().withData({
    name: 'Cold brew', codename: 'cold_brew', type: { codename: 'article' }, collection: { codename: 'knowledge_base' },
  }).toPromise();
  assert.equal(added.data.codename, 'cold_brew');
  const upserted = await client.upsertContentItem().byItemExternalId('item-iced-latte').withData({
    name: 'Iced latte', type: { codename: 'article' },
  }).toPromise();
  assert.equal(upserted.data.externalId, 'item-iced-latte');
  const again = await client.upsertContentItem().byItemExternalId('item-iced-latte').withData({
    name: 'Iced latte (2)', type: { codename: 'article' },
  }).toPromise();
  assert.equal(again.data.id, upserted.data.id);
  assert.equal(again.data.name, 'Iced latte (2)');
  const updated = await client.updateContentItem().byItemCodename('cold_brew').withData({ name: 'Cold brew guide' })
    .toPromise();
  assert.equal(updated.data.name, 'Cold brew guide');
  await client.deleteContentItem().byItemExternalId('item-iced-latte').toPromise();
  assert.equal((await client.listContentItems().toAllPromise()).data.items.length, 9);
});

test('variants: view latest and published, list by item, type, collection and space', async () => {
  const latest = await client.viewLanguageVariant().byItemCodename('on_roasts').byLanguageCodename('en-US').toPromise();
  assert.equal(stepOf(latest.data), sampleId('step/editorial/writing'));
  assert.equal(latest.data.workflow.workflowIdentifier.id, sampleId('workflow/editorial'));
  const body = latest.data.elements.find((e) => e.element.id === sampleId('element/article/body'));
  assert.match(body.value, /data-email-subject="A question about roasts"/);
  assert.equal(body.components[0].id, sampleId('component/on_roasts/en-US/tip'));
  const date = latest.data.elements.find((e) => e.element.id === sampleId('element/article/publish_date'));
  assert.equal(date.display_timezone, 'America/New_York');

  const published = await client.get()
    .withAction(`projects/${emulator.ready.environments[0].id}/items/codename/on_roasts/variants/codename/en-US/published`)
    .toPromise();
  assert.equal(published.data.workflow.step_identifier.id, PUBLISHED);

  const scheduled = await client.viewLanguageVariant().byItemCodename('on_roasts').byLanguageCodename('cs-CZ').toPromise();
  assert.equal(stepOf(scheduled.data), SCHEDULED);
  assert.equal(scheduled.data.schedule.publishTime, '2030-03-01T08:00:00Z');
  assert.equal(scheduled.data.schedule.publishDisplayTimezone, 'Europe/Prague');

  const ofItem = await client.listLanguageVariantsOfItem().byItemCodename('on_roasts').toPromise();
  assert.equal(ofItem.data.items.length, 3);
  const ofType = await client.listLanguageVariantsOfContentType().byTypeCodename('article').toAllPromise();
  assert.equal(ofType.data.items.length, 7);
  const withComponents = await client.listLanguageVariantsOfContentTypeWithComponents().byTypeCodename('callout')
    .toAllPromise();
  assert.ok(withComponents.data.items.length >= 3, 'the three on_roasts variants hold callout components');
  const byCollection = await client.listLanguageVariantsByCollection().byCollectionCodename('knowledge_base')
    .toAllPromise();
  assert.equal(byCollection.data.items.length, 2);
  const bySpace = await client.listLanguageVariantsBySpace().bySpaceCodename('help_center').toAllPromise();
  assert.equal(bySpace.data.items.length, 2);
});

test('variants: upsert with the elements builder, then delete', async () => {
  const upserted = await client.upsertLanguageVariant().byItemCodename('cold_brew').byLanguageCodename('en-US')
    .withData((builder) => ({
      elements: [
        builder.textElement({ element: { codename: 'title' }, value: 'Cold brew guide' }),
        builder.richTextElement({
          element: { codename: 'body' },
          value: '<p>Steep for <strong>12 hours</strong>. See <a data-item-id="' + sampleId('item/brewing_basics') + '">basics</a>.</p>',
        }),
        builder.numberElement({ element: { codename: 'reading_time' }, value: 2 }),
        builder.multipleChoiceElement({ element: { codename: 'format' }, value: [{ codename: 'recipe' }] }),
        builder.taxonomyElement({ element: { codename: 'topics' }, value: [{ codename: 'brewing' }] }),
        builder.linkedItemsElement({ element: { codename: 'authors' }, value: [{ external_id: 'author-jane' }] }),
        builder.assetElement({ element: { codename: 'hero_image' }, value: [{ external_id: 'asset-coffee-beans' }] }),
        builder.dateTimeElement({ element: { codename: 'publish_date' }, value: '2026-05-01T10:00:00Z', display_timezone: 'Europe/Prague' }),
        builder.urlSlugElement({ element: { codename: 'slug' }, value: 'cold-brew', mode: 'custom' }),
        builder.customElement({ element: { codename: 'accent_color' }, value: '#000000', searchable_value: 'black' }),
        builder.textElement({ element: { codename: 'seo__meta_title' }, value: 'Cold brew' }),
      ],
    })).toPromise();
  const authors = upserted.data.elements.find((e) => e.element.id === sampleId('element/article/authors'));
  assert.deepEqual(authors.value.map((r) => r.id), [sampleId('item/jane_doe')]);
  const format = upserted.data.elements.find((e) => e.element.id === sampleId('element/article/format'));
  assert.deepEqual(format.value.map((r) => r.id), [sampleId('option/article/format/recipe')]);
  assert.equal(upserted.data.workflow.workflowIdentifier.id, sampleId('workflow/default'));

  await client.upsertLanguageVariant().byItemCodename('cold_brew').byLanguageCodename('de-DE')
    .withData((builder) => ({ elements: [builder.textElement({ element: { codename: 'title' }, value: 'Cold Brew' })] }))
    .toPromise();
  await client.deleteLanguageVariant().byItemCodename('cold_brew').byLanguageCodename('de-DE').toPromise();
  await assert.rejects(
    client.viewLanguageVariant().byItemCodename('cold_brew').byLanguageCodename('de-DE').toPromise(),
    (error) => error.errorCode === 103 || error.errorCode === 100);
});

test('workflow: publish, new version, schedule and cancel, unpublish, change workflow', async () => {
  const variant = () => client.viewLanguageVariant().byItemCodename('cold_brew').byLanguageCodename('en-US').toPromise();
  const on = (query) => query.byItemCodename('cold_brew').byLanguageCodename('en-US');

  await on(client.publishLanguageVariant()).withoutData().toPromise();
  assert.equal(stepOf((await variant()).data), PUBLISHED);
  await assert.rejects(on(client.upsertLanguageVariant()).withData((b) => ({
    elements: [b.textElement({ element: { codename: 'title' }, value: 'edit' })],
  })).toPromise(), 'a published variant cannot be upserted');

  await on(client.createNewVersionOfLanguageVariant()).toPromise();
  assert.equal(stepOf((await variant()).data), sampleId('step/default/draft'));

  await on(client.publishLanguageVariant()).withData({ scheduled_to: '2031-01-01T09:00:00Z', display_timezone: 'Europe/London' })
    .toPromise();
  let v = (await variant()).data;
  assert.equal(stepOf(v), SCHEDULED);
  assert.equal(v.schedule.publishDisplayTimezone, 'Europe/London');
  await on(client.cancelSheduledPublishingOfLanguageVariant()).toPromise();
  assert.equal(stepOf((await variant()).data), sampleId('step/default/draft'));

  await on(client.publishLanguageVariant()).withoutData().toPromise();
  await on(client.unpublishLanguageVariant()).withData({ scheduled_to: '2031-02-01T09:00:00Z' }).toPromise();
  v = (await variant()).data;
  assert.equal(stepOf(v), PUBLISHED);
  assert.ok(v.schedule.unpublishTime.startsWith('2031-02-01T09:00:00'));
  await on(client.cancelSheduledUnpublishingOfLanguageVariant()).toPromise();
  assert.equal((await variant()).data.schedule.unpublishTime, null);

  await on(client.unpublishLanguageVariant()).withoutData().toPromise();
  assert.equal(stepOf((await variant()).data), ARCHIVED);

  await on(client.changeWorkflowOfLanguageVariant()).withData({
    workflow_identifier: { codename: 'editorial' }, step_identifier: { codename: 'legal_check' },
  }).toPromise();
  v = (await variant()).data;
  assert.equal(v.workflow.workflowIdentifier.id, sampleId('workflow/editorial'));
  assert.equal(stepOf(v), sampleId('step/editorial/legal_check'));
});

test('errors: the SDK maps the emulator error bodies', async () => {
  await assert.rejects(client.viewContentItem().byItemCodename('no_such_item').toPromise(), (error) => {
    assert.equal(error.errorCode, 100);
    assert.ok(error.requestId);
    assert.ok(error.message.length > 0);
    return true;
  });
  await assert.rejects(client.addContentItem().withData({ name: '', type: { codename: 'article' } }).toPromise(),
    (error) => error.errorCode === 5 && error.validationErrors.length > 0);
  const wrongKey = clientFor(emulator.ready, 0, 'wrong');
  await assert.rejects(wrongKey.listLanguages().toPromise(), (error) => error.originalError?.response?.status === 401);
});

test('assets: a JPEG upload reports its image dimensions', async () => {
  const shot = await client.viewAsset().byAssetCodename('espresso_shot').toPromise();
  const bytes = (await download(shot.data.url)).body;
  const file = await client.uploadBinaryFile().withData({
    binaryData: bytes, contentType: 'image/jpeg', contentLength: bytes.length, filename: 'shot.jpg',
  }).toPromise();
  const added = await client.addAsset().withData(() => ({ file_reference: { id: file.data.id, type: 'internal' } }))
    .toPromise();
  assert.equal(added.data.imageWidth, 64);
  assert.equal(added.data.imageHeight, 48);
});

test('rich text: a value that breaks the rich-text rules is refused with 400', async () => {
  await assert.rejects(client.upsertLanguageVariant().byItemCodename('cold_brew').byLanguageCodename('cs-CZ')
    .withData((builder) => ({
      elements: [builder.richTextElement({ element: { codename: 'body' }, value: '<div>not allowed</div><p>x</p>' })],
    })).toPromise(), (error) => error.originalError?.response?.status === 400);
});
