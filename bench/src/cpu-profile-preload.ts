import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

/**
 * `node --require bench/dist/cpu-profile-preload.js`: a V8 CPU profile of the whole process,
 * written to `$CPU_PROFILE_DIR/<pid>.cpuprofile` when it exits (open it in Chrome DevTools).
 * Node.js 20 refuses `--cpu-prof` in NODE_OPTIONS, which is how the launcher passes options
 * to a service; a preloaded module is allowed.
 */
const dir = process.env.CPU_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  // An in-process session answers synchronously, so the profile can be taken at exit.
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  process.on('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
