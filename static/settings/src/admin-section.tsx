/** The whole configuration as one file: export and import. */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ImportResultView, RecomputeProgressView } from '../../../src/contract';
import { invokeResolver, settle } from '../../common/invoke';
import type { UiError } from '../../common/invoke';

type ImportState =
  | { readonly status: 'idle' }
  | { readonly status: 'working'; readonly what: string }
  | { readonly status: 'exported'; readonly fileName: string }
  | { readonly status: 'imported'; readonly result: Extract<ImportResultView, { status: 'imported' }> }
  | { readonly status: 'refused'; readonly result: Extract<ImportResultView, { status: 'refused' }>; readonly file: string }
  | { readonly status: 'failed'; readonly error: UiError };

export function TransferSection(props: { readonly blocked: boolean; readonly onImported: (progress: RecomputeProgressView) => void; readonly onReload: () => void }): ReactNode {
  const { blocked, onImported, onReload } = props;
  const [state, setState] = useState<ImportState>({ status: 'idle' });

  const doExport = async (): Promise<void> => {
    setState({ status: 'working', what: 'Exporting…' });
    const result = await settle(() => invokeResolver('exportConfig'));
    if (!result.ok) {
      setState({ status: 'failed', error: result.error });
      return;
    }
    const blob = new Blob([`${JSON.stringify(result.value.file, null, 2)}\n`], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = window.document.createElement('a');
    link.href = url;
    link.download = result.value.fileName;
    window.document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 10_000);
    setState({ status: 'exported', fileName: result.value.fileName });
  };

  const doImport = async (file: string, allowOtherProject: boolean): Promise<void> => {
    setState({ status: 'working', what: 'Checking and importing the file…' });
    const result = await settle(() => invokeResolver('importConfig', { file, allowOtherProject }));
    if (!result.ok) setState({ status: 'failed', error: result.error });
    else if (result.value.status === 'refused') setState({ status: 'refused', result: result.value, file });
    else {
      setState({ status: 'imported', result: result.value });
      onImported(result.value.recompute);
    }
  };

  return (
    <section className="tl-section" aria-labelledby="transfer-heading">
      <h2 id="transfer-heading" className="tl-section-heading">
        Export and import
      </h2>
      <p className="tl-hint">The scoring model, readiness rules, strategy and product managers of this project as one JSON file.</p>
      <div className="tl-actions">
        <button
          type="button"
          className="tl-button"
          onClick={() => {
            void doExport();
          }}
        >
          Export configuration
        </button>
        <label className="tl-button tl-file-button">
          Import a file…
          <input
            type="file"
            accept="application/json,.json"
            className="tl-visually-hidden"
            disabled={blocked}
            data-testid="import-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file === undefined) return;
              void file.text().then(
                (text) => doImport(text, false),
                () => {
                  setState({ status: 'failed', error: { code: 'bad-request', message: 'The file could not be read.' } });
                },
              );
            }}
          />
        </label>
      </div>
      <div aria-live="polite">
        {state.status === 'working' && <p className="tl-status">{state.what}</p>}
        {state.status === 'exported' && <p className="tl-status tl-status-success">Downloaded {state.fileName}.</p>}
        {state.status === 'imported' && (
          <div className="tl-message tl-message-success" role="status">
            <p className="tl-message-text">
              Imported{state.result.sourceProject.key !== null ? ` from ${state.result.sourceProject.key}` : ''}
              {state.result.migrated.length > 0 ? ` (upgraded: ${state.result.migrated.join(', ')})` : ''}. Every issue is being recomputed.
            </p>
            <button type="button" className="tl-button" onClick={onReload}>
              Show the imported settings
            </button>
          </div>
        )}
        {state.status === 'refused' && (
          <div className="tl-message tl-message-danger" role="alert">
            <p className="tl-message-text">Nothing was imported: {state.result.message}</p>
            {state.result.path !== '' && <p className="tl-message-detail">In the file at {state.result.path}</p>}
            {state.result.code === 'other-project' && (
              <button
                type="button"
                className="tl-button"
                onClick={() => {
                  void doImport(state.file, true);
                }}
              >
                Import it into this project anyway
              </button>
            )}
          </div>
        )}
        {state.status === 'failed' && (
          <div className="tl-message tl-message-danger" role="alert">
            <p className="tl-message-text">{state.error.message}</p>
          </div>
        )}
      </div>
    </section>
  );
}
