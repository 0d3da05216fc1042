/** A dashboard gadget's frame: the view, or the edit view when Jira opens it to configure the gadget. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../common/common.css';
import './gadgets.css';
import { enableJiraTheme } from '../../common/theme';
import { Gadget } from './gadget';

void enableJiraTheme();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <Gadget />
  </StrictMode>,
);
