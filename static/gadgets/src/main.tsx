/**
 * A gadget frame's first script, kept small: it reads Jira's context and asks for the gadget's
 * answer at once (answer-prefetch.ts), then loads React and the gadget (mount.tsx), which take
 * longer to load and start than the answer takes to come. The styles are here so that they are in
 * index.html, not loaded by script.
 */
import '@atlaskit/css-reset';
import '../../common/common.css';
import './gadgets.css';
import { prefetchAnswer } from './answer-prefetch';

prefetchAnswer();
void import('./mount');
