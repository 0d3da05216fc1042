/** The gadget itself: React, the theme and the views, loaded after main.tsx has asked for the answer. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
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
