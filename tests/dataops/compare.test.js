// The round-trip comparison (compare.js) is only as good as what it notices: a fixture equals itself, and
// a changed element value, asset binary, workflow step or Web Spotlight root type is reported, naming it.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { readBackup, assertSamePreserved } = require('./compare.js');

const fixture = path.join(process.env.KBULK_FIXTURES_DIR ?? '', 'data-ops', 'backup.zip');

function rejects(change, mentions) {
  return async () => {
    const expected = await readBackup(fixture);
    const actual = await readBackup(fixture);
    change(actual);
    assert.throws(() => assertSamePreserved(expected, actual), (e) => e.message.includes(mentions));
  };
}

test('a backup holds what itself preserves, ids and external ids aside', async () => {
  const expected = await readBackup(fixture);
  const actual = await readBackup(fixture);
  for (const item of actual.contentItems) item.external_id = `data-ops-${item.codename}`;
  assertSamePreserved(expected, actual);
});

test('a changed element value is reported with its item',
  rejects((b) => { b.languageVariants[0].elements[0].value = 'changed'; }, 'changed variants'));

test('a changed asset binary is reported', rejects((b) => {
  const [name, bytes] = [...b.files][0];
  b.files.set(name, Buffer.concat([bytes, Buffer.from('x')]));
}, 'assetBytes'));

test('a variant in another step is reported', rejects((b) => {
  const v = b.languageVariants.find((x) => x.workflow.step_identifier.id !== b.workflows[0].steps[1].id);
  v.workflow.step_identifier.id = b.workflows[0].steps[1].id;
  v.workflow.workflow_identifier.id = b.workflows[0].id;
}, 'changed variants'));

test('a changed Web Spotlight root type is reported',
  rejects((b) => { b.webSpotlight = { enabled: true, root_type: { id: b.contentTypes[1].id } }; }, 'webSpotlight'));

test('a missing type is reported (first through the items of that type)',
  rejects((b) => { b.contentTypes.pop(); }, 'data-ops round trip changed items'));
