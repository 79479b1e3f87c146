// The official Management SDK against the emulator's workflow, publishing, schedule and Web Spotlight rules
// (issue 11): Web Spotlight routes, workflow updates as data-ops 2.6.2 sends them, transitions, scopes,
// new versions, required elements (4040027 / 4040028) and schedules. Starts from the sample seed; the Web
// Spotlight test also starts an emulator with the empty seed (a new environment).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator, clientFor, sampleId } = require('./emulator');

const PUBLISHED = 'c199950d-99f0-4983-b711-6c4c91624b22';
const SCHEDULED = '9d2b0228-4d0d-4c23-8b49-01a698857709';
const ARCHIVED = '7a535a69-ad34-47f8-806a-def1fdf4d391';

let emulator;
let client;
test.before(async () => {
  emulator = await startEmulator();
  client = clientFor(emulator.ready);
  // The sample's article has required elements; "plain" has none, so its variants publish as they are.
  await client.addContentType().withData((builder) => ({
    name: 'Plain', codename: 'plain',
    elements: [builder.textElement({ name: 'Note', codename: 'note', type: 'text' })],
  })).toPromise();
});
test.after(async () => {
  assert.equal(await emulator.stop(), 0);
});

// Rejects with the given error code (and a validation error at `path` when given).
async function rejectsWith(promise, code, path) {
  await assert.rejects(promise, (error) => {
    const raw = error.originalError?.response?.data;  // the SDK maps validation errors without their path
    const body = JSON.stringify(raw ?? error.message);
    assert.equal(error.errorCode, code, body);
    if (path) assert.ok((raw?.validation_errors || []).some((e) => e.path === path), body);
    return true;
  });
}

const variantOf = (codename) => ({
  view: () => client.viewLanguageVariant().byItemCodename(codename).byLanguageCodename('en-US').toPromise()
    .then((r) => r.data),
  on: (query) => query.byItemCodename(codename).byLanguageCodename('en-US'),
});

async function newVariant(codename, type, collection, workflow) {
  await client.addContentItem().withData({
    name: codename, codename, type: { codename: type }, collection: { codename: collection },
  }).toPromise();
  const response = await client.upsertLanguageVariant().byItemCodename(codename).byLanguageCodename('en-US')
    .withData(() => ({ elements: [], ...(workflow ? { workflow } : {}) })).toPromise();
  return response.data;
}

test('web spotlight: a new environment is off; activation needs a root type; deactivation', async () => {
  const fresh = await startEmulator({ seed: 'empty' });
  try {
    const c = clientFor(fresh.ready);
    let status = await c.checkWebSpotlightStatus().toPromise();
    assert.equal(status.data.enabled, false);
    assert.equal(status.rawData.root_type, null);

    // A subpages element while Web Spotlight is off (data-ops restores types before activating it).
    const page = await c.addContentType().withData((builder) => ({
      name: 'Page', codename: 'page',
      elements: [builder.subpagesElement({ name: 'Subpages', codename: 'subpages', type: 'subpages' })],
    })).toPromise();

    await rejectsWith(c.activateWebSpotlight().withData({ root_type: { codename: 'no_such_type' } }).toPromise(), 5,
      'root_type');
    await rejectsWith(c.activateWebSpotlight().withData({ root_type: null }).toPromise(), 5, 'root_type');
    status = await c.activateWebSpotlight().withData({ root_type: { codename: 'page' } }).toPromise();
    assert.equal(status.data.enabled, true);
    assert.equal(status.data.rootType.id, page.data.id);
    status = await c.checkWebSpotlightStatus().toPromise();
    assert.deepEqual(status.rawData, { enabled: true, root_type: { id: page.data.id } });

    status = await c.deactivateWebSpotlight().toPromise();
    assert.deepEqual(status.rawData, { enabled: false, root_type: null });
    await c.deactivateWebSpotlight().toPromise();  // data-ops' clean step deactivates blindly
    assert.equal((await c.checkWebSpotlightStatus().toPromise()).data.enabled, false);
  } finally {
    assert.equal(await fresh.stop(), 0);
  }
  // The sample environment: when on, its root type is a type of the environment.
  const sample = await client.checkWebSpotlightStatus().toPromise();
  if (sample.data.enabled) await client.viewContentType().byTypeId(sample.data.rootType.id).toPromise();
});

test('workflows: the update data-ops 2.6.2 sends is accepted and the special steps stay the service\'s', async () => {
  const editorial = (await client.listWorkflows().toPromise()).rawData.find((w) => w.codename === 'editorial');
  // data-ops' createWorkflowData: step ids dropped, transitions by codename, the workflow spread into
  // published_step, the archived step without its id.
  const codenameOf = (id) => [...editorial.steps, editorial.published_step, editorial.scheduled_step,
    editorial.archived_step].find((s) => s.id === id).codename;
  const body = {
    ...editorial,
    steps: editorial.steps.map((s) => ({
      ...s, id: undefined, role_ids: [],
      transitions_to: s.transitions_to.map((t) => ({ step: { codename: codenameOf(t.step.id) } })),
    })),
    published_step: { ...editorial, id: undefined, unpublish_role_ids: [], create_new_version_role_ids: [] },
    archived_step: { ...editorial.archived_step, id: undefined, role_ids: [] },
  };
  const updated = await client.updateWorkflow().byWorkflowCodename('editorial').withData(body).toPromise();
  assert.deepEqual(updated.rawData.steps.map((s) => s.id), editorial.steps.map((s) => s.id));
  assert.deepEqual(updated.rawData.published_step,
    { id: PUBLISHED, name: 'Published', codename: 'published', unpublish_role_ids: [], create_new_version_role_ids: [] });
  assert.equal(updated.rawData.scheduled_step.id, SCHEDULED);
  assert.equal(updated.rawData.archived_step.id, ARCHIVED);
  assert.equal(updated.rawData.steps[0].transitions_to.find((t) => t.step.id === ARCHIVED)?.step.id, ARCHIVED);
  assert.deepEqual(updated.rawData.scopes, editorial.scopes);
});

test('workflows: a step in use cannot be removed', async () => {
  const data = (steps) => ({
    name: 'Busy', codename: 'busy', scopes: [],
    steps: steps.map((codename) => ({ name: codename, codename, color: 'red', role_ids: [],
      transitions_to: [{ step: { codename: 'published' } }] })),
    published_step: { unpublish_role_ids: [], create_new_version_role_ids: [] },
    archived_step: { role_ids: [] },
  });
  await client.addWorkflow().withData(data(['first', 'second'])).toPromise();
  await newVariant('busy_item', 'plain', 'default',
    { workflow_identifier: { codename: 'busy' }, step_identifier: { codename: 'second' } });
  await rejectsWith(client.updateWorkflow().byWorkflowCodename('busy').withData(data(['first'])).toPromise(), 5,
    'steps');
  const kept = await client.updateWorkflow().byWorkflowCodename('busy').withData(data(['second'])).toPromise();
  assert.deepEqual(kept.rawData.steps.map((s) => s.codename), ['second']);
});

test('scopes: a new variant gets the workflow whose scope covers its type and collection', async () => {
  const scoped = await newVariant('scoped_item', 'article', 'marketing');
  assert.equal(scoped.workflow.workflowIdentifier.id, sampleId('workflow/editorial'));
  assert.equal(scoped.workflow.stepIdentifier.id, sampleId('step/editorial/writing'));
  const plain = await newVariant('unscoped_item', 'article', 'default');
  assert.equal(plain.workflow.workflowIdentifier.id, sampleId('workflow/default'));
  assert.equal(plain.workflow.stepIdentifier.id, sampleId('step/default/draft'));
  // Naming a workflow outside the variant's scope is accepted (documented in docs/emulator.md).
  const outside = await newVariant('outside_item', 'plain', 'default',
    { workflow_identifier: { codename: 'editorial' }, step_identifier: { codename: 'writing' } });
  assert.equal(outside.workflow.workflowIdentifier.id, sampleId('workflow/editorial'));
});

test('transitions: publish, schedule and change-workflow follow them; the upsert places anywhere', async () => {
  // Editorial's Writing does not lead to Published; Legal check does.
  await newVariant('ladder_item', 'plain', 'default',
    { workflow_identifier: { codename: 'editorial' }, step_identifier: { codename: 'writing' } });
  const v = variantOf('ladder_item');
  await rejectsWith(v.on(client.publishLanguageVariant()).withoutData().toPromise(), 0);
  await rejectsWith(v.on(client.publishLanguageVariant()).withData({ scheduled_to: '2999-01-01T00:00:00Z' })
    .toPromise(), 0);
  const move = (step) => v.on(client.changeWorkflowOfLanguageVariant()).withData({
    workflow_identifier: { codename: 'editorial' }, step_identifier: { codename: step },
  }).toPromise();
  await move('archived');  // Writing -> Archived is a transition
  assert.equal((await v.view()).workflow.stepIdentifier.id, ARCHIVED);
  await move('legal_check');  // out of Archived: any step
  await rejectsWith(move('archived'), 0);  // Legal check does not lead to Archived
  await v.on(client.publishLanguageVariant()).withoutData().toPromise();
  assert.equal((await v.view()).workflow.stepIdentifier.id, PUBLISHED);
  await rejectsWith(move('writing'), 0);  // a published variant does not change step

  // data-ops upserts a variant into a step that leads to Published, then publishes it.
  await newVariant('direct_item', 'plain', 'default',
    { workflow_identifier: { codename: 'editorial' }, step_identifier: { codename: 'legal_check' } });
  const d = variantOf('direct_item');
  assert.equal((await d.view()).workflow.stepIdentifier.id, sampleId('step/editorial/legal_check'));
  await d.on(client.publishLanguageVariant()).withoutData().toPromise();
  assert.equal((await d.view()).workflow.stepIdentifier.id, PUBLISHED);
});

test('new versions only from Published (214); publishing refuses incomplete required elements', async () => {
  await client.addContentType().withData((builder) => ({
    name: 'Strict', codename: 'strict',
    elements: [
      builder.textElement({ name: 'Headline', codename: 'headline', type: 'text', is_required: true }),
      builder.linkedItemsElement({ name: 'Links', codename: 'links', type: 'modular_content',
        item_count_limit: { value: 1, condition: 'at_most' } }),
    ],
  })).toPromise();
  await newVariant('strict_item', 'strict', 'default');
  const v = variantOf('strict_item');
  await rejectsWith(v.on(client.createNewVersionOfLanguageVariant()).toPromise(), 214);
  await rejectsWith(v.on(client.publishLanguageVariant()).withoutData().toPromise(), 4040027);
  const upsert = (elements) => v.on(client.upsertLanguageVariant()).withData((b) => ({ elements: elements(b) }))
    .toPromise();
  await upsert((b) => [
    b.textElement({ element: { codename: 'headline' }, value: 'Hello' }),
    b.linkedItemsElement({ element: { codename: 'links' }, value: [{ codename: 'on_roasts' }, { codename: 'jane_doe' }] }),
  ]);
  await rejectsWith(v.on(client.publishLanguageVariant()).withData({ scheduled_to: '2999-01-01T00:00:00Z' })
    .toPromise(), 4040028);
  await upsert((b) => [b.linkedItemsElement({ element: { codename: 'links' }, value: [{ codename: 'on_roasts' }] })]);
  await v.on(client.publishLanguageVariant()).withoutData().toPromise();
  await v.on(client.unpublishLanguageVariant()).withoutData().toPromise();
  assert.equal((await v.view()).workflow.stepIdentifier.id, ARCHIVED);
  await rejectsWith(v.on(client.createNewVersionOfLanguageVariant()).toPromise(), 214);
});

test('schedules: validation, published variants, cancel to the first step, unpublish of a scheduled one', async () => {
  await newVariant('timed_item', 'plain', 'default');
  const v = variantOf('timed_item');
  const draft = sampleId('step/default/draft');
  const publishAt = (body) => v.on(client.publishLanguageVariant()).withData(body).toPromise();
  const review = sampleId('step/default/review');
  await v.on(client.changeWorkflowOfLanguageVariant()).withData({
    workflow_identifier: { codename: 'default' }, step_identifier: { codename: 'review' },
  }).toPromise();
  assert.equal((await v.view()).workflow.stepIdentifier.id, review);
  await assert.rejects(publishAt({ scheduled_to: '2001-01-01T00:00:00Z' }), (error) => {
    assert.equal(error.errorCode, 5);
    assert.equal(error.validationErrors[0].message, 'The provided date-time value needs to be in the future.');
    assert.equal(error.originalError.response.data.validation_errors[0].path, 'scheduled_to');
    return true;
  });
  await rejectsWith(publishAt({ scheduled_to: 'soon' }), 5, 'scheduled_to');
  for (const zone of ['Europe/Kiev', 'America/Ojinaga', 'Asia/Qyzylorda', 'Not/AZone']) {
    await rejectsWith(publishAt({ scheduled_to: '2999-01-01T00:00:00Z', display_timezone: zone }), 5,
      'display_timezone');
  }

  await publishAt({ scheduled_to: '2999-01-01T01:00:00+01:00', display_timezone: 'Europe/Prague' });
  let data = await v.view();
  assert.equal(data.workflow.stepIdentifier.id, SCHEDULED);
  assert.equal(data.schedule.publishTime, '2999-01-01T00:00:00Z');
  assert.equal(data.schedule.publishDisplayTimezone, 'Europe/Prague');
  // Scheduled to publish: may be scheduled to unpublish, not unpublished now.
  await rejectsWith(v.on(client.unpublishLanguageVariant()).withoutData().toPromise(), 213);
  await v.on(client.unpublishLanguageVariant()).withData({ scheduled_to: '2999-02-01T00:00:00Z',
    display_timezone: 'Europe/Kyiv' }).toPromise();
  data = await v.view();
  assert.equal(data.schedule.unpublishTime, '2999-02-01T00:00:00Z');
  assert.equal(data.schedule.unpublishDisplayTimezone, 'Europe/Kyiv');

  // Cancelling moves the variant to the workflow's first step (Draft), not back to Review.
  await v.on(client.cancelSheduledPublishingOfLanguageVariant()).toPromise();
  assert.equal((await v.view()).workflow.stepIdentifier.id, draft);
  await rejectsWith(v.on(client.cancelSheduledPublishingOfLanguageVariant()).toPromise(), 218);

  // Scheduling a published variant has no effect.
  await v.on(client.publishLanguageVariant()).withoutData().toPromise();
  const before = await v.view();
  await publishAt({ scheduled_to: '2999-03-01T00:00:00Z' });
  const after = await v.view();
  assert.equal(after.workflow.stepIdentifier.id, PUBLISHED);
  assert.equal(after.schedule.publishTime, null);
  assert.equal(after._raw.last_modified, before._raw.last_modified);
});
