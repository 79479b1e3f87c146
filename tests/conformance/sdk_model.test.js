// The official Management SDK against the emulator: model endpoints (languages, collections, spaces,
// taxonomies, asset folders, content types, snippets, workflows, roles), starting from the sample seed.
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

test('languages: list, view, add, modify', async () => {
  const list = await client.listLanguages().toPromise();
  assert.deepEqual(list.data.items.map((l) => l.codename), ['en-US', 'de-DE', 'cs-CZ']);
  const en = list.data.items[0];
  assert.equal(en.id, sampleId('language/en-US'));
  assert.equal(en.isDefault, true);
  const cs = await client.viewLanguage().byLanguageCodename('cs-CZ').toPromise();
  assert.equal(cs.data.fallbackLanguage.id, sampleId('language/de-DE'));
  assert.equal(cs.data.externalId, 'language-cs');
  const byExternal = await client.viewLanguage().byExternalId('language-cs').toPromise();
  assert.equal(byExternal.data.id, cs.data.id);

  const added = await client.addLanguage().withData({
    name: 'French', codename: 'fr-FR', is_active: true, external_id: 'language-fr',
    fallback_language: { codename: 'de-DE' },
  }).toPromise();
  assert.equal(added.data.codename, 'fr-FR');
  assert.equal(added.data.fallbackLanguage.id, sampleId('language/de-DE'));
  const modified = await client.modifyLanguage().byLanguageCodename('fr-FR').withData([
    { op: 'replace', property_name: 'name', value: 'Français' },
    { op: 'replace', property_name: 'is_active', value: false },
  ]).toPromise();
  assert.equal(modified.data.name, 'Français');
  assert.equal(modified.data.isActive, false);
});

test('collections: list and set', async () => {
  const list = await client.listCollections().toPromise();
  assert.deepEqual(list.data.collections.map((c) => c.codename), ['default', 'marketing', 'knowledge_base']);
  const set = await client.setCollections().withData([
    { op: 'addInto', value: { name: 'Events', codename: 'events', external_id: 'collection-events' } },
    { op: 'replace', reference: { codename: 'knowledge_base' }, property_name: 'name', value: 'Docs' },
  ]).toPromise();
  const names = set.data.collections.map((c) => c.name);
  assert.ok(names.includes('Events'));
  assert.ok(names.includes('Docs'));
  await client.setCollections().withData([{ op: 'remove', reference: { codename: 'events' } }]).toPromise();
  const after = await client.listCollections().toPromise();
  assert.equal(after.data.collections.length, 3);
});

test('spaces: list, view, add, modify, delete', async () => {
  const list = await client.listSpaces().toPromise();
  assert.deepEqual(list.data.map((s) => s.codename), ['website', 'help_center']);
  const website = await client.viewSpace().bySpaceCodename('website').toPromise();
  assert.equal(website.data.id, sampleId('space/website'));
  assert.deepEqual(website.data.collections.map((c) => c.id),
    [sampleId('collection/default'), sampleId('collection/marketing')]);
  const added = await client.addSpace().withData({
    name: 'Kiosk', codename: 'kiosk', collections: [{ codename: 'marketing' }],
  }).toPromise();
  assert.equal(added.data.codename, 'kiosk');
  const modified = await client.modifySpace().bySpaceCodename('kiosk').withData([
    { op: 'replace', property_name: 'name', value: 'Kiosk app' },
  ]).toPromise();
  assert.equal(modified.data.name, 'Kiosk app');
  await client.deleteSpace().bySpaceCodename('kiosk').toPromise();
  assert.equal((await client.listSpaces().toPromise()).data.length, 2);
});

test('taxonomies: list, view nested terms, add, modify, delete', async () => {
  const list = await client.listTaxonomies().toPromise();
  assert.deepEqual(list.data.items.map((t) => t.codename), ['topics', 'audiences']);
  const topics = await client.getTaxonomy().byTaxonomyCodename('topics').toPromise();
  assert.equal(topics.data.externalId, 'taxonomy-topics');
  const espresso = topics.data.terms[0].terms[0].terms[0];
  assert.equal(espresso.codename, 'espresso');
  assert.equal(espresso.id, sampleId('term/topics/espresso'));
  assert.equal(espresso.externalId, 'term-espresso');

  const added = await client.addTaxonomy().withData({
    name: 'Seasons', codename: 'seasons', external_id: 'taxonomy-seasons',
    terms: [{ name: 'Winter', codename: 'winter', terms: [{ name: 'Christmas', codename: 'christmas', terms: [] }] }],
  }).toPromise();
  assert.equal(added.data.terms[0].terms[0].codename, 'christmas');
  const modified = await client.modifyTaxonomy().byTaxonomyCodename('seasons').withData([
    { op: 'addInto', value: { name: 'Summer', codename: 'summer', terms: [] } },
    { op: 'replace', reference: { codename: 'winter' }, property_name: 'name', value: 'Cold season' },
  ]).toPromise();
  assert.deepEqual(modified.data.terms.map((t) => t.name).sort(), ['Cold season', 'Summer']);
  await client.deleteTaxonomy().byTaxonomyExternalId('taxonomy-seasons').toPromise();
  assert.equal((await client.listTaxonomies().toPromise()).data.items.length, 2);
});

test('asset folders: list, add, modify', async () => {
  const list = await client.listAssetFolders().toPromise();
  assert.deepEqual(list.data.items.map((f) => f.name), ['Images', 'Documents']);
  assert.equal(list.data.items[0].folders[0].folders[0].name, 'Coffee shots');
  const added = await client.addAssetFolders().withData({
    folders: [{ name: 'Videos', external_id: 'folder-videos', folders: [{ name: 'Trailers', folders: [] }] }],
  }).toPromise();
  assert.ok(added.data.items.some((f) => f.name === 'Videos' && f.folders[0].name === 'Trailers'));
  const modified = await client.modifyAssetFolders().withData([
    { op: 'rename', reference: { external_id: 'folder-videos' }, value: 'Films' },
    { op: 'addInto', reference: { external_id: 'folder-videos' }, value: { name: 'Shorts', folders: [] } },
  ]).toPromise();
  const films = modified.data.items.find((f) => f.externalId === 'folder-videos');
  assert.equal(films.name, 'Films');
  assert.deepEqual(films.folders.map((f) => f.name).sort(), ['Shorts', 'Trailers']);
});

test('snippets: list, view, add, modify, delete', async () => {
  const list = await client.listContentTypeSnippets().toPromise();
  assert.deepEqual(list.data.items.map((s) => s.codename), ['seo']);
  const seo = await client.viewContentTypeSnippet().byTypeCodename('seo').toPromise();
  assert.deepEqual(seo.data.elements.map((e) => e.codename), ['seo__meta_title', 'seo__meta_description', 'seo__keywords']);
  const added = await client.addContentTypeSnippet().withData((builder) => ({
    name: 'Social', codename: 'social', external_id: 'snippet-social',
    elements: [builder.textElement({ name: 'Share text', codename: 'social__share_text', type: 'text' })],
  })).toPromise();
  assert.equal(added.data.codename, 'social');
  const modified = await client.modifyContentTypeSnippet().byTypeCodename('social').withData([
    { op: 'replace', path: '/name', value: 'Social media' },
    { op: 'addInto', path: '/elements', value: { name: 'Image', codename: 'social__image', type: 'asset' } },
  ]).toPromise();
  assert.equal(modified.data.name, 'Social media');
  assert.equal(modified.data.elements.length, 2);
  await client.deleteContentTypeSnippet().byTypeExternalId('snippet-social').toPromise();
});

test('content types: list, view, add, modify, delete', async () => {
  const list = await client.listContentTypes().toPromise();
  assert.deepEqual(list.data.items.map((t) => t.codename), ['quote', 'callout', 'author', 'article', 'landing_page']);
  const article = await client.viewContentType().byTypeCodename('article').toPromise();
  assert.equal(article.data.id, sampleId('type/article'));
  assert.deepEqual(article.data.contentGroups.map((g) => g.codename), ['content', 'metadata']);
  const types = new Set(article.data.elements.map((e) => e.type));
  for (const t of ['guidelines', 'text', 'rich_text', 'asset', 'modular_content', 'date_time', 'number',
    'multiple_choice', 'taxonomy', 'url_slug', 'custom', 'snippet']) {
    assert.ok(types.has(t), `article has a ${t} element`);
  }

  const added = await client.addContentType().withData((builder) => ({
    name: 'Event', codename: 'event', external_id: 'type-event',
    elements: [
      builder.textElement({ name: 'Name', codename: 'name', type: 'text', is_required: true }),
      builder.dateTimeElement({ name: 'Starts', codename: 'starts', type: 'date_time' }),
      builder.linkedItemsElement({ name: 'Speakers', codename: 'speakers', type: 'modular_content',
        allowed_content_types: [{ codename: 'author' }] }),
      builder.urlSlugElement({ name: 'Slug', codename: 'slug', type: 'url_slug', depends_on: { element: { codename: 'name' } } }),
    ],
  })).toPromise();
  assert.equal(added.data.codename, 'event');
  assert.equal(added.data.elements.length, 4);
  const modified = await client.modifyContentType().byTypeCodename('event').withData([
    { op: 'replace', path: '/name', value: 'Coffee event' },
    { op: 'addInto', path: '/elements', value: { name: 'Seats', codename: 'seats', type: 'number' } },
  ]).toPromise();
  assert.equal(modified.data.name, 'Coffee event');
  assert.equal(modified.data.elements.length, 5);
  await client.deleteContentType().byTypeExternalId('type-event').toPromise();
  assert.equal((await client.listContentTypes().toPromise()).data.items.length, 5);
});

test('workflows: list, add, update, delete', async () => {
  const list = await client.listWorkflows().toPromise();
  assert.deepEqual(list.data.map((w) => w.codename), ['default', 'editorial']);
  const editorial = list.data[1];
  assert.deepEqual(editorial.steps.map((s) => s.codename), ['writing', 'legal_check']);
  assert.equal(editorial.scopes[0].content_types[0].id, sampleId('type/article'));
  assert.equal(editorial.publishedStep.id, 'c199950d-99f0-4983-b711-6c4c91624b22');

  const data = {
    name: 'Quick', codename: 'quick',
    scopes: [{ content_types: [{ codename: 'quote' }], collections: [] }],
    steps: [{ name: 'Draft', codename: 'quick_draft', color: 'red', transitions_to: [{ step: { codename: 'published' } }],
      role_ids: [] }],
    published_step: { unpublish_role_ids: [], create_new_version_role_ids: [] },
    archived_step: { role_ids: [] },
  };
  const added = await client.addWorkflow().withData(data).toPromise();
  assert.equal(added.data.codename, 'quick');
  data.name = 'Quicker';
  const updated = await client.updateWorkflow().byWorkflowCodename('quick').withData(data).toPromise();
  assert.equal(updated.data.name, 'Quicker');
  await client.deleteWorkflow().byWorkflowCodename('quick').toPromise();
  assert.equal((await client.listWorkflows().toPromise()).data.length, 2);
});

test('roles: list and view', async () => {
  const list = await client.listRoles().toPromise();
  assert.deepEqual(list.data.roles.map((r) => r.name), ['Project manager', 'Editor']);
  const pm = await client.viewRole().byCodename('project-manager').toPromise();
  assert.equal(pm.data.id, sampleId('role/project_manager'));
});
