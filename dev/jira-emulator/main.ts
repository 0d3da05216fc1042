/**
 * Starts the Jira emulator with the demo dataset (or another file) and prints its address.
 *
 *   npx tsx dev/jira-emulator/main.ts [--port 8081] [--data FILE] [--latency 150]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ACCOUNT_HEADER, AS_APP_HEADER, startJiraEmulator } from './emulator';

export const DEMO_DATASET = fileURLToPath(new URL('../demo-data/demo.json', import.meta.url));

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8081' },
    data: { type: 'string', default: DEMO_DATASET },
    latency: { type: 'string', default: '0' },
  },
});

const port = Number(values.port);
const latency = Number(values.latency);
if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number (got ${values.port})`);
if (!Number.isFinite(latency) || latency < 0) throw new Error(`--latency must be milliseconds (got ${values.latency})`);

const emulator = await startJiraEmulator({ dataset: values.data, port, latency });
console.log(`Jira emulator listening on ${emulator.url} (${emulator.state.issueCount} issues from ${values.data})`);
console.log(`Send ${ACCOUNT_HEADER}: <accountId> to call as a user, or ${AS_APP_HEADER}: true to call as the app.`);
for (const user of emulator.state.users.values()) console.log(`  ${user.accountId}  ${user.displayName}`);

const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
