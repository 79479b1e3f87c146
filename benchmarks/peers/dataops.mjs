// Drives Kontent.ai's @kontent-ai/data-ops 2.6.2 against `kbulk emulator` for scripts/bench:
//   node dataops.mjs backup|restore --base-url URL --environment-id ID --api-key KEY --file ZIP
// data-ops' CLI and its public backupEnvironment/restoreEnvironment only take a host suffix and force https,
// so this calls the functions they wrap (backupEnvironmentInternal / restoreEnvironmentInternal, by file:
// the package exports only its public entry point) with a ManagementClient whose base URL is the emulator,
// configured as data-ops' createClient configures it (retries on, console logging off).
// Prints one JSON line {tool, operation, ok, error?, wall_ms}; exits 1 when data-ops failed.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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
if (!['backup', 'restore'].includes(operation) || !values['base-url'] || !values['environment-id'] ||
    !values['api-key'] || !values.file) {
  console.error('usage: node dataops.mjs backup|restore --base-url URL --environment-id ID --api-key KEY --file ZIP');
  process.exit(2);
}

async function dataOpsModule(name) {
  const entry = require.resolve('@kontent-ai/data-ops');
  const file = path.join(path.dirname(entry), 'modules', 'backupRestore', `${name}.js`);
  return import(pathToFileURL(file).href);
}

const { ManagementClient } = require('@kontent-ai/management-sdk');
const { HttpService } = require('@kontent-ai/core-sdk');
const client = new ManagementClient({
  environmentId: values['environment-id'],
  apiKey: values['api-key'],
  baseUrl: values['base-url'],
  httpService: new HttpService({ logErrorsToConsole: false }),
});
const params = {
  environmentId: values['environment-id'],
  apiKey: values['api-key'],
  fileName: values.file,
  logLevel: 'none',
};
const started = Date.now();
let result;
try {
  if (operation === 'backup') {
    await (await dataOpsModule('backup')).backupEnvironmentInternal(client, params);
  } else {
    await (await dataOpsModule('restore')).restoreEnvironmentInternal(client, params);
  }
  result = { tool: 'data-ops', operation, ok: true, wall_ms: Date.now() - started };
} catch (err) {
  const message = String(err?.message ?? err).replace(/\s+/g, ' ').slice(0, 400);
  result = { tool: 'data-ops', operation, ok: false, error: message, wall_ms: Date.now() - started };
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
