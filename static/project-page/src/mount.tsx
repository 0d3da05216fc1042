/** The page itself: React, the theme and the views, loaded after main.tsx has asked for the map. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { enableJiraTheme } from '../../common/theme';
import { ProjectPage } from './project-page';

void enableJiraTheme();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ProjectPage />
  </StrictMode>,
);
