// Only the handlers that manifest.yml names (`index.<export>`).
export { resolver } from './resolvers';
