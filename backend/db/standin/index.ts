export { openStandinDatabase, connectToStandin, functionContainerEnv, disconnectFromStandin, STANDIN_ENV_ID, type OpenedStandin } from './open';
export { pinToCpus, startStandinProcess, type StandinProcess } from './process';
export { startStandin, DEFAULT_LIMIT, MAX_LIMIT, type Standin, type StandinOptions } from './server';
export { Store } from './store';
export { StandinError } from './errors';
