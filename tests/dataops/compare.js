// Reads data-ops backup zips and reduces them to what data-ops 2.6.2 itself preserves through a restore and a
// backup, with every id replaced by the codename of what it names, so a fixture and the backup of its
// restore can be compared as plain values.
//
// What data-ops does not carry (so it is left out here): ids, last_modified, the external ids it adds,
// role ids (roles are project-wide; data-ops restores workflows with empty role lists), schedules (a
// scheduled variant is restored into its workflow's first step), asset elements (assets with elements are
// restored without them), asset urls, file references and sizes (the bytes are compared instead; the
// service's reported size need not match the downloaded file, which is why data-ops' own tests skip it).
// References to objects the backup does not hold (deleted assets or items) become "dangling": data-ops
// restores them by external id and the target environment answers an id of its own for each.
'use strict';
const assert = require('node:assert/strict');
const StreamZip = require('node-stream-zip');

const ZERO_ID = '00000000-0000-0000-0000-000000000000';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const DROPPED = new Set(['last_modified', 'external_id', 'role_ids', 'unpublish_role_ids',
  'create_new_version_role_ids', 'url', 'file_reference', 'size']);

async function readBackup(file) {
  const zip = new StreamZip.async({ file });
  try {
    const backup = { files: new Map() };
    for (const name of Object.keys(await zip.entries())) {
      const data = await zip.entryData(name);
      if (name.startsWith('assets/')) backup.files.set(name, data);
      else if (name.endsWith('.json')) backup[name.slice(0, -5)] = JSON.parse(data.toString('utf8'));
    }
    return backup;
  } finally {
    await zip.close();
  }
}

// Every id of the backup -> a label naming the object ("item:on_roasts"). The zero id names the default
// language, collection and workflow alike; an empty environment has them under the same id, so it stays.
function labelsOf(backup) {
  const labels = new Map();
  const add = (kind, object, name = object.codename) => {
    if (object && object.id && object.id !== ZERO_ID) labels.set(object.id, `${kind}:${name}`);
  };
  const walkTree = (kind, nodes, childKey) => {
    for (const node of nodes ?? []) {
      add(kind, node, node.codename ?? node.name);
      walkTree(kind, node[childKey], childKey);
    }
  };
  for (const c of backup.collections ?? []) add('collection', c);
  for (const l of backup.languages ?? []) add('language', l);
  for (const s of backup.spaces ?? []) add('space', s);
  for (const i of backup.contentItems ?? []) add('item', i);
  for (const a of backup.assets ?? []) add('asset', a);
  walkTree('folder', backup.assetFolders, 'folders');
  walkTree('taxonomy', backup.taxonomies, 'terms');
  for (const [kind, models] of [['type', backup.contentTypes], ['snippet', backup.contentTypeSnippets]]) {
    for (const m of models ?? []) {
      add(kind, m);
      for (const g of m.content_groups ?? []) add('group', g, `${m.codename}.${g.codename}`);
      for (const e of m.elements ?? []) {
        add('element', e, `${m.codename}.${e.codename ?? e.type}`);
        for (const o of e.options ?? []) add('option', o, `${m.codename}.${e.codename}.${o.codename}`);
      }
    }
  }
  // Components keep their ids through data-ops; label them so they are not taken for dangling references.
  const addComponents = (elements) => {
    for (const e of elements ?? []) {
      for (const c of e.components ?? []) {
        labels.set(c.id, `component:${c.id}`);
        addComponents(c.elements);
      }
    }
  };
  for (const v of backup.languageVariants ?? []) addComponents(v.elements);
  for (const w of backup.workflows ?? []) {
    add('workflow', w);
    for (const s of [...(w.steps ?? []), w.published_step, w.scheduled_step, w.archived_step]) {
      if (s) add('step', s, `${w.codename}.${s.codename}`);
    }
  }
  return labels;
}

// A deep copy of `value` without the DROPPED keys and with every id (its own, references, ids inside rich
// text) replaced by its label; ids that name nothing in the backup become "dangling" (the zero id stays).
// In rich text (values and guidelines) a reference by external id names an object the backup lacks (data-ops
// writes one only then, and the service answers ids for existing objects): it is the same dangling reference
// as an id that names nothing, as data-ops' own comparison treats it.
const EXTERNAL_REFERENCE = /data-(asset-|item-|)external-id="[^"]*"/g;
function relabel(value, labels) {
  if (typeof value === 'string') {
    return value
      .replace(EXTERNAL_REFERENCE, (_, kind) => `data-${kind}id="dangling"`)
      .replace(UUID, (id) => (id === ZERO_ID ? id : labels.get(id.toLowerCase()) ?? 'dangling'));
  }
  if (Array.isArray(value)) return value.map((v) => relabel(v, labels));
  if (value && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value).sort()) {
      if (!DROPPED.has(key)) out[key] = relabel(value[key], labels);
    }
    return out;
  }
  return value;
}

const byKey = (key) => (a, b) => String(key(a)).localeCompare(String(key(b)));

// The comparable view of one backup: one entry per kind the task compares.
function comparable(backup) {
  const labels = labelsOf(backup);
  const label = (id) => (id === ZERO_ID ? ZERO_ID : labels.get(id) ?? 'dangling');
  const models = (list) =>
    (list ?? [])
      .map((m) => relabel({ ...m, elements: [...(m.elements ?? [])].sort(byKey((e) => e.codename ?? e.id)) }, labels))
      .sort(byKey((m) => m.codename));
  const workflowFirstStep = new Map((backup.workflows ?? []).map((w) => [w.id, w.steps?.[0]?.id]));
  const scheduledSteps = new Set((backup.workflows ?? []).map((w) => w.scheduled_step?.id));
  const variantStep = (v) => {
    const step = v.workflow.step_identifier.id;
    // data-ops restores a scheduled variant into its workflow's first step (it cannot read schedules).
    return label(scheduledSteps.has(step) ? workflowFirstStep.get(v.workflow.workflow_identifier.id) : step);
  };
  const assetBytes = {};
  for (const a of backup.assets ?? []) {
    const bytes = backup.files.get(`assets/${a.id}-${a.file_name}`);
    assetBytes[a.codename] = bytes ? `${bytes.length} bytes, sha256 ${sha256(bytes)}` : 'missing';
  }
  return {
    items: (backup.contentItems ?? [])
      .map((i) => relabel({ codename: i.codename, name: i.name, type: i.type, collection: i.collection,
        spaces: [...(i.spaces ?? [])].map((s) => label(s.id)).sort() }, labels))
      .sort(byKey((i) => i.codename)),
    variants: (backup.languageVariants ?? [])
      .map((v) => ({
        item: label(v.item.id),
        language: label(v.language.id),
        workflow: label(v.workflow.workflow_identifier.id),
        step: variantStep(v),
        elements: relabel([...v.elements].sort(byKey((e) => label(e.element.id))), labels),
      }))
      .sort(byKey((v) => `${v.item};${v.language}`)),
    assets: (backup.assets ?? [])
      .map((a) => relabel({ codename: a.codename, title: a.title, file_name: a.file_name, type: a.type,
        folder: a.folder ?? null, collection: a.collection ?? null,
        descriptions: [...(a.descriptions ?? [])].sort(byKey((d) => label(d.language.id))) }, labels))
      .sort(byKey((a) => a.codename)),
    assetBytes,
    types: models(backup.contentTypes),
    snippets: models(backup.contentTypeSnippets),
    taxonomies: relabel(backup.taxonomies ?? [], labels).sort(byKey((t) => t.codename)),
    workflows: relabel(backup.workflows ?? [], labels).sort(byKey((w) => w.codename)),
    webSpotlight: relabel(backup.webSpotlight ?? null, labels),
  };
}

function sha256(bytes) {
  return require('node:crypto').createHash('sha256').update(bytes).digest('hex');
}

// Asserts that `actual` (the backup of a restore) holds what data-ops preserves of `expected` (the fixture),
// one assertion per kind so a failure names the kind and shows the difference.
// An array kind is compared entry by entry (after its list of keys), so a failure shows the one object.
function assertSamePreserved(expected, actual) {
  const want = comparable(expected);
  const got = comparable(actual);
  const keyOf = (entry) => entry.codename ?? (entry.item ? `${entry.item} / ${entry.language}` : undefined);
  for (const kind of Object.keys(want)) {
    if (!Array.isArray(want[kind]) || !Array.isArray(got[kind]) || !want[kind].every((e) => keyOf(e))) {
      assert.deepEqual(got[kind], want[kind], `data-ops round trip changed the ${kind}`);
      continue;
    }
    assert.deepEqual(got[kind].map(keyOf), want[kind].map(keyOf), `data-ops round trip changed which ${kind} exist`);
    want[kind].forEach((entry, i) => {
      assert.deepEqual(got[kind][i], entry, `data-ops round trip changed ${kind} '${keyOf(entry)}'`);
    });
  }
}

module.exports = { readBackup, comparable, assertSamePreserved };
