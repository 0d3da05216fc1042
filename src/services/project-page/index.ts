/**
 * The project page's views, one module each (vision map, ranked backlog, sprint readiness), over
 * the snapshot they share, read through the given Jira client (the resolver passes the user's:
 * nobody sees an issue they cannot browse).
 */
export * from './snapshot';
export * from './vision-map';
export * from './ranked-backlog';
export * from './sprint-readiness';
export * from './vision-rollups';
