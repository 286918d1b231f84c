// The installed version of an npm package (some packages do not export their package.json).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export function installedVersion(name) {
    const file = fileURLToPath(new URL(`./node_modules/${name}/package.json`, import.meta.url));
    return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}
