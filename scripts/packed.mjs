// The packed package (`npm pack`, after the build) installed into a project folder as an
// integrator's `npm install` would lay it out, without network: the tarball extracted into
// node_modules/<name>, its dependencies, and the tools the project names (`link`), linked flat
// from the repository's install, each with its own dependencies.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const packageName = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name;

/** Packs the repository into `project` (once per folder) and installs it there; returns the installed package's folder. */
export function installPacked(project, { link = [] } = {}) {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', project], { cwd: root, encoding: 'utf8' }));
  execFileSync('tar', ['-xzf', join(project, packed[0].filename), '-C', project]);
  const installed = join(project, 'node_modules', packageName);
  mkdirSync(dirname(installed), { recursive: true });
  renameSync(join(project, 'package'), installed);
  const linked = new Set();
  // A linked tool finds its own dependencies from its real folder, the repository's install; a
  // dependency of the package is linked with its dependencies, as the package's files meet them here.
  const linkOne = (dependency, withDependencies = true) => {
    const target = join(project, 'node_modules', dependency);
    if (linked.has(dependency) || existsSync(target)) return;
    linked.add(dependency);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(join(root, 'node_modules', dependency), target, 'dir');
    if (withDependencies) linkDependencies(join(root, 'node_modules', dependency));
  };
  // The dependencies each package declares, at the top of node_modules as npm lays them out (the
  // .d.ts files name lit-html, which only lit depends on: a stricter layout would not find it).
  function linkDependencies(folder) {
    const { dependencies = {} } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    for (const dependency of Object.keys(dependencies)) linkOne(dependency);
  }
  linkDependencies(installed);
  for (const tool of link) linkOne(tool, false);
  return installed;
}
