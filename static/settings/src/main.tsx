import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { enableJiraTheme } from '../../common/theme';
import '../../common/common.css';
import './settings.css';
import { SettingsPage } from './settings-page';

void enableJiraTheme();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <SettingsPage />
  </StrictMode>,
);
