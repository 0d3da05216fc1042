// The browser tests load the built resources, as Forge would: build what is missing or stale first.
import { buildCustomUi } from '../../dev/build';

export default async function setup(): Promise<void> {
  await buildCustomUi({ onlyStale: true, log: (line) => { console.log(`e2e setup: ${line}`); } });
}
