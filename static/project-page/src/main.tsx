/**
 * The page's first script, kept small: it asks for the vision map's outline at once, then loads
 * React and the page (mount.tsx), which take longer to load and start than the answer takes to come
 * (outline-prefetch.ts). The styles are here so that they are in index.html, not loaded by script.
 */
import '@atlaskit/css-reset';
import '../../common/common.css';
import './project-page.css';
import { prefetchOutline } from './outline-prefetch';

prefetchOutline();
void import('./mount');
