/**
 * "Ask Rovo": opens Rovo chat with Throughline's agent and a question already typed
 * (`rovo.open` of @forge/bridge). Shown only where the site has Rovo (`rovo.isEnabled`); a site
 * without it, or a bridge that refuses (an unsupported module), shows nothing rather than a
 * button that cannot work. Isolated so each app adds it with one line.
 */
import { rovo } from '@forge/bridge';
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { Button } from './components';
import { THROUGHLINE_AGENT } from './rovo-agent';

export function AskRovo({ prompt, label = 'Ask Rovo' }: { readonly prompt: string; readonly label?: string }): ReactNode {
  const [enabled, setEnabled] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    rovo
      .isEnabled()
      .then((answer) => {
        if (live) setEnabled(answer);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (!enabled) return null;
  return (
    <span className="tl-ask-rovo">
      <Button
        small
        title={prompt}
        onClick={() => {
          setFailed(false);
          rovo.open({ type: 'forge', agentKey: THROUGHLINE_AGENT.key, agentName: THROUGHLINE_AGENT.name, prompt }).catch(() => {
            setFailed(true);
          });
        }}
      >
        {label}
      </Button>
      {failed && <span className="tl-muted"> Rovo chat could not be opened here.</span>}
    </span>
  );
}
