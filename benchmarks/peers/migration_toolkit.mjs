// Drives Kontent.ai's @kontent-ai/migration-toolkit 3.2.1 against `kbulk emulator` for scripts/bench:
//   node migration_toolkit.mjs export|import --base-url URL --environment-id ID --api-key KEY --file ZIP
// Its CLI's confirmation step ignores --baseUrl and calls the cloud, so this calls the exported functions,
// which take a baseUrl: export = list the languages and items (the toolkit exports the item x language
// pairs it is given), exportAsync, storeAsync; import = extractAsync, importAsync. The toolkit moves
// content items, variants and assets only: the target must already hold the content model.
// Prints one JSON line {tool, operation, ok, error?, wall_ms, ...}; exits 1 when the toolkit failed.
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'base-url': { type: 'string' },
    'environment-id': { type: 'string' },
    'api-key': { type: 'string' },
    file: { type: 'string' },
  },
});
const operation = positionals[0];
if (!['export', 'import'].includes(operation) || !values['base-url'] || !values['environment-id'] ||
    !values['api-key'] || !values.file) {
  console.error('usage: node migration_toolkit.mjs export|import --base-url URL --environment-id ID --api-key KEY --file ZIP');
  process.exit(2);
}

// The toolkit opens `./${filename}`: work in the file's directory with its base name.
process.chdir(path.dirname(path.resolve(values.file)));
const fileName = path.basename(values.file);
const toolkit = await import(require.resolve('@kontent-ai/migration-toolkit'));
const silent = { log() {}, logWithSpinnerAsync: async (func) => func(() => {}) };
const config = {
  environmentId: values['environment-id'],
  apiKey: values['api-key'],
  baseUrl: values['base-url'],
  logger: silent,
};

async function exportEnvironment() {
  const { createManagementClient } = require('@kontent-ai/management-sdk');
  const { HttpService } = require('@kontent-ai/core-sdk');
  const client = createManagementClient({ environmentId: config.environmentId, apiKey: config.apiKey,
    baseUrl: config.baseUrl, httpService: new HttpService({ logErrorsToConsole: false }) });
  const languages = (await client.listLanguages().toAllPromise()).data.items.filter((l) => l.isActive);
  const items = (await client.listContentItems().toAllPromise()).data.items;
  const exportItems = items.flatMap((item) =>
    languages.map((language) => ({ itemCodename: item.codename, languageCodename: language.codename })));
  const data = await toolkit.exportAsync({ ...config, exportItems });
  await toolkit.storeAsync({ data, filename: fileName, logger: silent });
  return { items: data.items.length, assets: data.assets.length };
}

async function importEnvironment() {
  const data = await toolkit.extractAsync({ filename: fileName, logger: silent });
  const r = await toolkit.importAsync({ ...config, data, createReportFile: false });
  const failed = (list) => list.filter((x) => x.state === 'error').length;
  return {
    items: r.contentItems.length, variants: r.languageVariants.length,
    assets: r.uploadedAssets.length + r.editedAssets.length,
    failed: failed(r.contentItems) + failed(r.languageVariants) + failed(r.uploadedAssets),
  };
}

const started = Date.now();
let result;
try {
  const detail = operation === 'export' ? await exportEnvironment() : await importEnvironment();
  result = { tool: 'migration-toolkit', operation, ok: true, wall_ms: Date.now() - started, ...detail };
} catch (err) {
  const message = String(err?.message ?? err).replace(/\s+/g, ' ').slice(0, 400);
  result = { tool: 'migration-toolkit', operation, ok: false, error: message, wall_ms: Date.now() - started };
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
