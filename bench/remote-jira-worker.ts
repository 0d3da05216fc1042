/** The worker of remote-jira.ts: the Jira emulator with a scale dataset, steered by messages. */
import { parentPort, workerData } from 'node:worker_threads';
import { generateScaleDataset } from '../dev/demo-data/generate-scale';
import type { ScaleOptions } from '../dev/demo-data/generate-scale';
import { startJiraEmulator } from '../dev/jira-emulator';
import type { RemoteRequest } from './remote-jira';

const port = parentPort;
if (port === null) throw new Error('remote-jira-worker.ts runs as a worker thread (bench/remote-jira.ts starts it)');
const emulator = await startJiraEmulator({ dataset: generateScaleDataset(workerData as ScaleOptions) });
port.on('message', (request: RemoteRequest) => {
  void (async () => {
    try {
      let value: unknown;
      if (request.op === 'setLatency') emulator.setLatency(request.ms);
      else if (request.op === 'resetCalls') emulator.resetCalls();
      else if (request.op === 'calls') value = emulator.calls;
      else await emulator.close();
      port.postMessage({ id: request.id, value });
    } catch (error: unknown) {
      port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
    }
  })();
});
port.postMessage({ url: emulator.url, issueCount: emulator.state.issueCount });
