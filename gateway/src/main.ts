import { createLogger, loadConfig, stopOnSignals } from '@hb/kit';
import { startGateway } from './gateway';

const config = loadConfig();
const logger = createLogger('gateway', config.LOG_LEVEL);
startGateway(config, logger).then(
  (server) => stopOnSignals(server, logger),
  (error: unknown) => {
    console.error('gateway failed to start:', error);
    process.exit(1);
  },
);
