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
  const write = (name: string, profile: unknown) => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, name), JSON.stringify(profile));
  };
  const session = new inspector.Session();
  session.connect();
  // An in-process session answers synchronously, so the profile can be taken at exit.
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  // A bench profiles only its measured phase (e.g. the fan-out's charges, not the start and
  // the 10 000 subscribes before them): a first SIGUSR2 starts the profile afresh, a second
  // writes it to `<pid>.measured.cpuprofile`.
  let measuring = false;
  process.on('SIGUSR2', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error && measuring) write(`${process.pid}.measured.cpuprofile`, result.profile);
      measuring = !measuring;
      session.post('Profiler.start');
    });
  });
  process.on('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) write(`${process.pid}.cpuprofile`, result.profile);
    });
  });
}
