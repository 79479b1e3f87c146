// Compares two kbulk archives for scripts/bench: the source environment's export and the export of an
// environment a tool restored. Objects are matched by codename (a restore may give them new ids).
//   node completeness.mjs SOURCE.kbulk RESTORED.kbulk
// Prints one JSON object: per archive the counts (items, variants = latest versions, published = variants
// with a published version, scheduled, assets, binaries = distinct SHA-256 hashes) and, under `missing`,
// what the restored environment lacks: objects absent by codename, published versions, schedules,
// variants in another workflow step, binaries whose hash is absent.
import { execFileSync } from 'node:child_process';

function entry(archive, name) {
  let text = '';
  try {
    text = execFileSync('tar', ['--zstd', '-xOf', archive, name], { maxBuffer: 1 << 30, encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return [];  // the archive has no such entry (nothing of that kind)
  }
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
}

function summarize(archive) {
  const byId = (rows) => new Map(rows.map((r) => [r.id, r.codename]));
  const items = byId(entry(archive, 'content/items.ndjson'));
  const languages = byId(entry(archive, 'model/languages.ndjson'));
  const steps = new Map();
  for (const w of entry(archive, 'model/workflows.ndjson')) {
    for (const s of [...(w.steps ?? []), w.published_step, w.archived_step, w.scheduled_step]) {
      if (s) steps.set(s.id, `${w.codename}/${s.codename}`);
    }
  }
  const latest = new Map();
  const published = new Set();
  const scheduled = new Set();
  for (const { kbulk, variant } of entry(archive, 'content/variants.ndjson')) {
    const key = `${items.get(variant.item.id)}/${languages.get(variant.language.id)}`;
    const step = steps.get(variant.workflow?.step_identifier?.id) ?? 'unknown';
    if (kbulk.version === 'published' || step.endsWith('/published')) published.add(key);
    if (kbulk.version !== 'published') {
      latest.set(key, step);
      const s = variant.schedule ?? {};
      if (s.publish_time || s.unpublish_time) scheduled.add(key);
    }
  }
  const assets = new Set();
  const blobs = new Set();
  for (const { kbulk, asset } of entry(archive, 'assets/assets.ndjson')) {
    assets.add(asset.codename);
    if (kbulk.blob) blobs.add(kbulk.blob);
  }
  return { items: new Set(items.values()), latest, published, scheduled, assets, blobs };
}

const [sourceFile, restoredFile] = process.argv.slice(2);
if (!restoredFile) {
  console.error('usage: node completeness.mjs SOURCE.kbulk RESTORED.kbulk');
  process.exit(2);
}
const a = summarize(sourceFile);
const b = summarize(restoredFile);
const absent = (x, y) => [...x].filter((k) => !y.has(k)).length;
const counts = (s) => ({ items: s.items.size, variants: s.latest.size, published: s.published.size,
  scheduled: s.scheduled.size, assets: s.assets.size, binaries: s.blobs.size });
const otherStep = [...a.latest].filter(([k, step]) => b.latest.has(k) && b.latest.get(k) !== step).length;
const missing = {
  items: absent(a.items, b.items), variants: absent(a.latest.keys(), b.latest), published: absent(a.published, b.published),
  scheduled: absent(a.scheduled, b.scheduled), workflow_step: otherStep, assets: absent(a.assets, b.assets),
  binaries: absent(a.blobs, b.blobs),
};
const complete = Object.values(missing).every((n) => n === 0);
console.log(JSON.stringify({ source: counts(a), restored: counts(b), missing, complete }));
