import { loadConfig } from '@hb/kit';
import { DEFAULT_ALERT_THRESHOLDS } from './domain';

describe('alert thresholds in the configuration', () => {
  it('default to the domain defaults', () => {
    const c = loadConfig({});
    expect({
      minElapsedShare: c.ALERT_MIN_ELAPSED_SHARE,
      underuseGap: c.ALERT_UNDERUSE_GAP,
      overuseGap: c.ALERT_OVERUSE_GAP,
      minHistory: c.ALERT_MIN_HISTORY,
      abnormalFactor: c.ALERT_ABNORMAL_FACTOR,
      lapseShare: c.ALERT_LAPSE_SHARE,
    }).toEqual({ ...DEFAULT_ALERT_THRESHOLDS });
  });

  it.each([
    [{ ALERT_UNDERUSE_GAP: '1.5' }, /ALERT_UNDERUSE_GAP/],
    [{ ALERT_MIN_HISTORY: '0' }, /ALERT_MIN_HISTORY/],
    [{ ALERT_ABNORMAL_FACTOR: 'many' }, /ALERT_ABNORMAL_FACTOR/],
  ])('refuse %j at boot', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
