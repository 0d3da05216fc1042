/**
 * Throughline's Rovo agent as the apps open it: manifest.yml's `rovo:agent` key and name
 * (test/unit/rovo/ask-rovo-agent.test.ts checks they agree; `rovo.open` refuses either over 30
 * characters). Apart from ask-rovo.tsx so that it can be read without the bridge.
 */
export const THROUGHLINE_AGENT = { key: 'throughline-agent', name: 'Throughline' } as const;
