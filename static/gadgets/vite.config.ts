// `npx vite build static/gadgets` builds this app alone; `npm run build` builds them all.
import { defineConfig } from 'vite';
import { customUiConfig } from '../vite.apps';

export default defineConfig(customUiConfig(import.meta.dirname));
